package io.chronosguard.engine.repo.format;

/** The {@code type} of a tree node, as restic spells it in JSON (format §8). */
public enum NodeType {
    FILE("file"),
    DIR("dir"),
    SYMLINK("symlink"),
    /** A block device; restic calls it {@code dev}. */
    DEV("dev"),
    CHARDEV("chardev"),
    FIFO("fifo"),
    /** Never written by restic 0.14 (its archiver skips sockets), but a valid type. */
    SOCKET("socket");

    private final String json;

    NodeType(String json) {
        this.json = json;
    }

    /** The JSON spelling, e.g. {@code "chardev"}. */
    public String json() {
        return json;
    }

    /**
     * The type spelled {@code json}.
     *
     * @throws IllegalArgumentException for any other spelling (restic's types are lowercase)
     */
    public static NodeType fromJson(String json) {
        for (NodeType t : values()) {
            if (t.json.equals(json)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown node type \"" + json
                + "\" (expected file, dir, symlink, dev, chardev, fifo or socket)");
    }
}
