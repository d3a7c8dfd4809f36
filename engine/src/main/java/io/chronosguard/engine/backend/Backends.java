package io.chronosguard.engine.backend;

import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.backend.s3.S3Backend;
import io.chronosguard.engine.backend.rest.RestBackend;
import io.chronosguard.engine.backend.rest.RestLocation;
import io.chronosguard.engine.backend.sftp.SftpBackend;
import io.chronosguard.engine.backend.sftp.SftpOptions;
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

    /**
     * The location as it may be shown and sent around (dashboard, node capabilities): a
     * password in a REST URL becomes {@code ***}.
     */
    public static String redact(String location) {
        return scheme(location).equals("rest") ? RestLocation.redact(location) : location;
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
        return open(location, env, Map.of());
    }

    /**
     * Opens the store at {@code location} with backend options ({@code -o sftp.key=FILE}, as
     * restic's {@code -o}); an option no backend knows is refused.
     *
     * @throws IllegalArgumentException when the location or an option is malformed; the message names it
     * @throws io.chronosguard.engine.BackendIOException when a network store cannot be reached or refuses us
     */
    public static Backend open(String location, Map<String, String> env, Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!SftpOptions.KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown option -o " + key + ": known are "
                        + String.join(", ", SftpOptions.KEYS));
            }
        }
        return switch (scheme(location)) {
            case "local" -> new LocalBackend(localPath(location));
            case "s3" -> S3Backend.open(location, env);
            case "rest" -> new RestBackend(RestLocation.parse(location, env));
            case "sftp" -> SftpBackend.open(location, SftpOptions.of(options, env));
            default -> throw new IllegalArgumentException("repository " + location
                    + ": the " + scheme(location) + " backend is not available in this build");
        };
    }

    /**
     * Opens the store at {@code location} inside the decorators every user of it should get
     * (retry, bandwidth and connection limits; see {@link BackendStack}).
     */
    public static Backend open(String location, Map<String, String> env, BackendOptions options) {
        return open(location, env, Map.of(), options);
    }

    /** As {@link #open(String, Map, BackendOptions)}, with {@code -o} store options. */
    public static Backend open(String location, Map<String, String> env, Map<String, String> storeOptions,
            BackendOptions options) {
        return BackendStack.wrap(open(location, env, storeOptions), scheme(location), options);
    }
}
