package io.chronosguard.engine.backend.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A parsed {@code rest:http(s)://[USER:PASS@]HOST:PORT/[PATH]} location. The credentials
 * come from the URL or, taking precedence so they need not sit on a command line, from
 * {@code CHRONOSGUARD_REST_USERNAME} / {@code CHRONOSGUARD_REST_PASSWORD}.
 *
 * @param base     the server URL without credentials, ending in {@code /}
 * @param user     basic-auth user, or null
 * @param password basic-auth password, or null; never shown
 */
public record RestLocation(URI base, String user, String password) {
    public static final String USER_ENV = "CHRONOSGUARD_REST_USERNAME";
    public static final String PASSWORD_ENV = "CHRONOSGUARD_REST_PASSWORD";

    /**
     * Parses {@code location} (with its {@code rest:} prefix).
     *
     * @throws IllegalArgumentException naming the location (password masked) when malformed
     */
    public static RestLocation parse(String location, Map<String, String> env) {
        String url = location.substring("rest:".length());
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("repository " + redact(location) + " is not a valid URL: "
                    + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("repository " + redact(location)
                    + ": a REST location is rest:http(s)://[USER:PASS@]HOST:PORT/[PATH]");
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String envUser = env.get(USER_ENV);
        if (envUser != null && !envUser.isEmpty()) {
            user = envUser;
        }
        String envPassword = env.get(PASSWORD_ENV);
        if (envPassword != null && !envPassword.isEmpty()) {
            password = envPassword;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!path.endsWith("/")) {
            path += "/";
        }
        URI base = URI.create(scheme.toLowerCase(java.util.Locale.ROOT) + "://" + uri.getRawAuthority()
                .substring(info == null ? 0 : info.length() + 1) + path);
        return new RestLocation(base, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** {@code location} with the password of its URL, if any, replaced by {@code ***}. */
    public static String redact(String location) {
        int scheme = location.indexOf("://");
        if (scheme < 0) {
            return location;
        }
        int start = scheme + 3;
        int end = location.indexOf('/', start);
        String authority = end < 0 ? location.substring(start) : location.substring(start, end);
        int at = authority.lastIndexOf('@');
        int colon = at < 0 ? -1 : authority.indexOf(':');
        if (colon < 0 || colon > at) {
            return location;
        }
        return location.substring(0, start) + authority.substring(0, colon) + ":***"
                + authority.substring(at) + (end < 0 ? "" : location.substring(end));
    }

    /** How messages name this location: the URL, with the user but never the password. */
    public String display() {
        String u = base.toString();
        if (user == null) {
            return "rest:" + u;
        }
        int start = u.indexOf("://") + 3;
        return "rest:" + u.substring(0, start) + user + (password != null ? ":***" : "") + "@" + u.substring(start);
    }

    @Override
    public String toString() {
        return display();
    }
}
