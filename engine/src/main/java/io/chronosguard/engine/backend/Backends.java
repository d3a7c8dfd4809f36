package io.chronosguard.engine.backend;

import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.backend.s3.S3Backend;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Opens the store a repository location names, as restic spells locations: a plain path
 * (or {@code local:PATH}) is a local folder; {@code s3:}, {@code sftp:} and {@code rest:}
 * name network stores. One place turns a location string into a {@link Backend}, so every
 * command, the node and the web server accept the same forms.
 */
public final class Backends {
    private Backends() {
    }

    /** The scheme of a location: {@code local}, {@code s3}, {@code sftp} or {@code rest}. */
    public static String scheme(String location) {
        int colon = location.indexOf(':');
        if (colon <= 0) {
            return "local";
        }
        String prefix = location.substring(0, colon).toLowerCase(Locale.ROOT);
        return switch (prefix) {
            case "local", "s3", "sftp", "rest" -> prefix;
            default -> "local"; // a path that happens to hold a colon, as restic reads it
        };
    }

    /** Whether the location is a folder on this machine. */
    public static boolean isLocal(String location) {
        return scheme(location).equals("local");
    }

    /** The folder of a local location. */
    public static Path localPath(String location) {
        if (!isLocal(location)) {
            throw new IllegalArgumentException("repository " + location + " is not a local folder");
        }
        return Path.of(location.startsWith("local:") ? location.substring("local:".length()) : location);
    }

    /**
     * Opens the store at {@code location}; {@code env} supplies credentials (never taken from
     * the location's text when the environment can give them, so they stay out of {@code ps}).
     *
     * @throws IllegalArgumentException when the location is malformed; the message names it
     */
    public static Backend open(String location, Map<String, String> env) {
        return switch (scheme(location)) {
            case "local" -> new LocalBackend(localPath(location));
            case "s3" -> S3Backend.open(location, env);
            default -> throw new IllegalArgumentException("repository " + location
                    + ": the " + scheme(location) + " backend is not available in this build");
        };
    }

    /**
     * Opens the store at {@code location} inside the decorators every user of it should get
     * (retry, bandwidth and connection limits; see {@link BackendStack}).
     */
    public static Backend open(String location, Map<String, String> env, BackendOptions options) {
        return BackendStack.wrap(open(location, env), scheme(location), options);
    }
}
