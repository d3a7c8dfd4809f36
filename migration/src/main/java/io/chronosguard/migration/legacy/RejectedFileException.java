package io.chronosguard.migration.legacy;

import java.util.Objects;

/** A legacy file that cannot be imported at all; the message names the file and the reason. */
public final class RejectedFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final Rejection rejection;
    private final String detail;

    public RejectedFileException(String file, Rejection rejection, String detail) {
        super(file + ": " + rejection + ": " + detail);
        this.file = Objects.requireNonNull(file, "file");
        this.rejection = Objects.requireNonNull(rejection, "rejection");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public String file() {
        return file;
    }

    public Rejection rejection() {
        return rejection;
    }

    public String detail() {
        return detail;
    }
}
