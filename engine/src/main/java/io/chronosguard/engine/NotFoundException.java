package io.chronosguard.engine;

/** A snapshot, tree, blob or path the user named does not exist. */
public final class NotFoundException extends EngineException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Kind kind() {
        return Kind.NOT_FOUND;
    }
}
