package io.chronosguard.engine.catalog;

/**
 * The catalog could not be opened, migrated, read or written. The message is one line that
 * names the database by its URL with any password blanked out, and says what failed.
 */
public final class CatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
