package io.chronosguard.engine;

/** Something that must be new already exists: a repository at the location given to init. */
public final class AlreadyExistsException extends EngineException {
    private static final long serialVersionUID = 1L;

    public AlreadyExistsException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.ALREADY_EXISTS;
    }
}
