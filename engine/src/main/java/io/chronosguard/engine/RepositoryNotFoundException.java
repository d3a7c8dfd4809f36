package io.chronosguard.engine;

/** No repository (no readable config or keys) exists at the given location. */
public final class RepositoryNotFoundException extends EngineException {
    private static final long serialVersionUID = 1L;

    public RepositoryNotFoundException(String message) {
        super(message);
    }

    public RepositoryNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Kind kind() {
        return Kind.REPOSITORY_NOT_FOUND;
    }
}
