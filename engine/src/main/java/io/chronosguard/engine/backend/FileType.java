package io.chronosguard.engine.backend;

/** The kinds of file a repository stores, each in its own folder. */
public enum FileType {
    CONFIG("config"),
    KEY("keys"),
    DATA("data"),
    INDEX("index"),
    SNAPSHOT("snapshots"),
    LOCK("locks");

    private final String folder;

    FileType(String folder) {
        this.folder = folder;
    }

    /** The folder name (or, for {@link #CONFIG}, the file name) in the repository. */
    public String folder() {
        return folder;
    }
}
