package io.chronosguard.engine;

/** Stored bytes fail authentication, hashing or parsing; the message names the file or blob. */
public final class CorruptDataException extends EngineException {
    private static final long serialVersionUID = 1L;

    public CorruptDataException(String message) {
        super(message);
    }

    public CorruptDataException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Kind kind() {
        return Kind.CORRUPT;
    }
}
