package io.chronosguard.config;

/**
 * How the decorators around every repository store are set: bandwidth limits as restic's
 * {@code --limit-upload} / {@code --limit-download}, concurrent calls, and retries.
 *
 * @param uploadKiBs   upload limit in KiB/s; 0 for none
 * @param downloadKiBs download limit in KiB/s; 0 for none
 * @param connections  store calls in flight at most; 0 for the store's default (5 for network stores)
 * @param retries      retries of a transiently failed store call; 0 disables retrying
 */
public record BackendLimits(int uploadKiBs, int downloadKiBs, int connections, int retries) {
    /** No limits, the store's own connection default, 10 retries. */
    public static final BackendLimits DEFAULTS = new BackendLimits(0, 0, 0, 10);
}
