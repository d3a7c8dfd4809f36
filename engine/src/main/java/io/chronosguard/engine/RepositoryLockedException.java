package io.chronosguard.engine;

/** Another process holds a conflicting lock on the repository. */
public final class RepositoryLockedException extends EngineException {
    private static final long serialVersionUID = 1L;

    public RepositoryLockedException(String message) {
        super(message);
    }

    public RepositoryLockedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Kind kind() {
        return Kind.LOCKED;
    }
}
