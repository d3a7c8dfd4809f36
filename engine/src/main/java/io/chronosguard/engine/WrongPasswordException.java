package io.chronosguard.engine;

/** No key file of the repository opens with the given password. */
public final class WrongPasswordException extends EngineException {
    private static final long serialVersionUID = 1L;

    public WrongPasswordException(String message) {
        super(message);
    }

    public WrongPasswordException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Kind kind() {
        return Kind.WRONG_PASSWORD;
    }
}
