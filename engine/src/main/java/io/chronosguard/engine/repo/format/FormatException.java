package io.chronosguard.engine.repo.format;

/** A repository file decrypted fine but its content is not what the format says. */
public final class FormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
