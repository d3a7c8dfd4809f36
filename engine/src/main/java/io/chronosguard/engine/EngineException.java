package io.chronosguard.engine;

/**
 * Root of the job-fatal errors the engine raises. Each subclass is one thing a user can
 * act on; the message is a complete sentence naming the file, id or path concerned.
 * The CLI maps each kind to an exit code, the web layer to an HTTP status.
 */
public abstract class EngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected EngineException(String message) {
        super(message);
    }

    protected EngineException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Broad category, stable across releases, used for exit codes and API errors. */
    public abstract Kind kind();

    /** What went wrong, as the CLI and the API report it. */
    public enum Kind {
        REPOSITORY_NOT_FOUND,
        WRONG_PASSWORD,
        LOCKED,
        CORRUPT,
        NOT_FOUND,
        IO,
        INVALID_ARGUMENT,
        ALREADY_EXISTS
    }
}
