package io.chronosguard.engine.backend.sftp;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A parsed SFTP location, read as restic 0.14 reads it: {@code sftp:[USER@]HOST:PATH} (the
 * path relative to the login folder unless it starts with {@code /}) or
 * {@code sftp://[USER@]HOST[:PORT]/PATH}, where {@code //PATH} is absolute and {@code /PATH}
 * relative. The path is cleaned; one starting with {@code ~} is refused, as restic refuses it.
 *
 * @param user null to take it from the ssh config or the local user name
 * @param port 0 to take it from the ssh config, else 22
 */
public record SftpLocation(String user, String host, int port, String path) {

    /** @throws IllegalArgumentException naming the location when it is malformed */
    public static SftpLocation parse(String location) {
        String user = null;
        String host;
        int port = 0;
        String dir;
        if (location.startsWith("sftp://")) {
            URI uri;
            try {
                uri = new URI(location);
            } catch (URISyntaxException e) {
                throw bad(location, e.getReason());
            }
            if (uri.getRawAuthority() == null || uri.getHost() == null) {
                throw bad(location, "no host");
            }
            user = uri.getUserInfo();
            host = uri.getHost();
            port = Math.max(uri.getPort(), 0);
            dir = uri.getPath();
            if (dir == null || dir.isEmpty() || dir.equals("/")) {
                throw bad(location, "no directory given");
            }
            dir = dir.substring(1);
        } else if (location.startsWith("sftp:")) {
            String s = location.substring("sftp:".length());
            int colon = s.indexOf(':');
            if (colon < 0) {
                throw bad(location, "host or path missing (sftp:USER@HOST:PATH)");
            }
            host = s.substring(0, colon);
            dir = s.substring(colon + 1);
            int at = host.indexOf('@');
            if (at >= 0) {
                user = host.substring(0, at);
                host = host.substring(at + 1);
            }
        } else {
            throw bad(location, "it does not start with sftp:");
        }
        if (host.isEmpty()) {
            throw bad(location, "no host");
        }
        String path = clean(dir);
        if (path.startsWith("~")) {
            throw bad(location, "the path starts with ~, which most SFTP servers do not expand;"
                    + " use a relative path (relative to the login folder)");
        }
        return new SftpLocation(user == null || user.isEmpty() ? null : user, host, port, path);
    }

    private static IllegalArgumentException bad(String location, String why) {
        return new IllegalArgumentException("repository " + location + " is not a valid SFTP location: " + why);
    }

    /** Go's path.Clean: no empty or {@code .} segments, {@code ..} folded, "." for nothing. */
    static String clean(String p) {
        boolean absolute = p.startsWith("/");
        java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
        for (String seg : p.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (!out.isEmpty() && !out.peekLast().equals("..")) {
                    out.removeLast();
                } else if (!absolute) {
                    out.addLast("..");
                }
                continue;
            }
            out.addLast(seg);
        }
        String joined = String.join("/", out);
        return absolute ? "/" + joined : joined.isEmpty() ? "." : joined;
    }

    /** How messages name the location, in the form it was given in (the URL form when a port is set). */
    public String display() {
        String who = user != null ? user + "@" : "";
        return port > 0 ? "sftp://" + who + host + ":" + port + "/" + path : "sftp:" + who + host + ":" + path;
    }
}
