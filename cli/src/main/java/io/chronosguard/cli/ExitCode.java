package io.chronosguard.cli;

import io.chronosguard.engine.EngineException;

/** The process exit codes, one per kind of outcome a script may want to tell apart. */
public final class ExitCode {
    public static final int OK = 0;
    /** The command ran but found or hit problems (check errors, restore errors). */
    public static final int FAILED = 1;
    /** Bad command line or configuration. */
    public static final int USAGE = 2;
    /** A backup finished but some files could not be read (later issues). */
    public static final int INCOMPLETE = 3;
    public static final int REPOSITORY_NOT_FOUND = 10;
    public static final int LOCKED = 11;
    public static final int WRONG_PASSWORD = 12;
    public static final int CORRUPT = 13;
    public static final int NOT_FOUND = 14;
    public static final int IO = 15;
    /** init found a repository already at the location. */
    public static final int ALREADY_EXISTS = 16;
    /** migrate: a source file was rejected (empty, malformed JSON, unrecognised); nothing was imported. */
    public static final int REJECTED = 17;

    private ExitCode() {
    }

    public static int of(EngineException e) {
        return switch (e.kind()) {
            case REPOSITORY_NOT_FOUND -> REPOSITORY_NOT_FOUND;
            case WRONG_PASSWORD -> WRONG_PASSWORD;
            case LOCKED -> LOCKED;
            case CORRUPT -> CORRUPT;
            case NOT_FOUND -> NOT_FOUND;
            case IO -> IO;
            case INVALID_ARGUMENT -> USAGE;
            case ALREADY_EXISTS -> ALREADY_EXISTS;
        };
    }
}
