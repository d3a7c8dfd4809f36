package io.chronosguard.engine.crypto;

/**
 * Ciphertext did not authenticate under the key. The repository layer turns it into a
 * wrong-password or corrupt-data error that names the file concerned.
 */
public final class AuthenticationFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuthenticationFailedException(String message) {
        super(message);
    }
}
