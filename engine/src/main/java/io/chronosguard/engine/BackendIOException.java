package io.chronosguard.engine;

/** Reading or writing the storage failed for a reason other than corruption. */
public final class BackendIOException extends EngineException {
    private static final long serialVersionUID = 1L;

    public BackendIOException(String message) {
        super(message);
    }

    public BackendIOException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Kind kind() {
        return Kind.IO;
    }
}
