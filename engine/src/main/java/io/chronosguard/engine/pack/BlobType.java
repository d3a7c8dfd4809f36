package io.chronosguard.engine.pack;

/** What a blob holds: file content or a tree (directory listing). */
public enum BlobType {
    DATA("data"),
    TREE("tree");

    private final String json;

    BlobType(String json) {
        this.json = json;
    }

    /** The name used in index files. */
    public String json() {
        return json;
    }

    public static BlobType fromJson(String s) {
        for (BlobType t : values()) {
            if (t.json.equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown blob type \"" + s + "\"");
    }
}
