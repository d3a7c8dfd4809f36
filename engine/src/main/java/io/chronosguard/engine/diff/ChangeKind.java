package io.chronosguard.engine.diff;

/** What happened to one path, with the one-letter modifier restic's diff prints. */
public enum ChangeKind {
    ADDED("+"),
    REMOVED("-"),
    /** A file whose content (its list of data blobs) differs. */
    MODIFIED("M"),
    /** The entry's type differs, e.g. a file became a symlink or a directory. */
    TYPE_CHANGED("T"),
    /** Same type and content; mode, mtime, owner, link target, device or xattrs differ. */
    METADATA("U");

    private final String modifier;

    ChangeKind(String modifier) {
        this.modifier = modifier;
    }

    public String modifier() {
        return modifier;
    }
}
