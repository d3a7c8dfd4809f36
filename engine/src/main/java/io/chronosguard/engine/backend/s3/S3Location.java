package io.chronosguard.engine.backend.s3;

import io.chronosguard.engine.backend.FileType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code s3:} repository location, parsed as restic 0.14 parses it
 * ({@code internal/backend/s3/config.go}): {@code s3:http(s)://HOST[:PORT]/BUCKET[/PREFIX]}
 * takes the URL's host as the endpoint and its scheme for plain HTTP or TLS;
 * {@code s3:HOST/BUCKET[/PREFIX]} and {@code s3://HOST/BUCKET[/PREFIX]} always use HTTPS.
 * The prefix is cleaned as Go's {@code path.Clean} does; no prefix means the bucket's root.
 *
 * @param endpoint host, with {@code :port} when one was given
 * @param useHttp  plain HTTP instead of HTTPS
 * @param bucket   the bucket name
 * @param prefix   folder inside the bucket, without trailing slash; empty for the root
 */
public record S3Location(String endpoint, boolean useHttp, String bucket, String prefix) {
    private static final Pattern AWS_HOST =
            Pattern.compile("s3(?:[.-]dualstack)?(?:[.-]([a-z0-9-]+))?\\.amazonaws\\.com(?:\\.cn)?");

    /**
     * Parses {@code location}.
     *
     * @throws IllegalArgumentException naming the location and what is missing
     */
    public static S3Location parse(String location) {
        String s = location;
        if (s.startsWith("s3:http")) {
            return parseUrl(location, s.substring(3));
        } else if (s.startsWith("s3://")) {
            s = s.substring(5);
        } else if (s.startsWith("s3:")) {
            s = s.substring(3);
        } else {
            throw bad(location, "not an s3: location");
        }
        String[] parts = s.split("/", 3);
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw bad(location, "host/region or bucket name not found (use s3:HOST/BUCKET[/PREFIX])");
        }
        return create(location, parts[0], parts[1], parts.length > 2 ? parts[2] : "", false);
    }

    private static S3Location parseUrl(String location, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw bad(location, "not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw bad(location, "the URL must start with http:// or https://");
        }
        if (uri.getRawUserInfo() != null) {
            // Never echo them: the user put a secret where it shows in ps and shell history.
            throw new IllegalArgumentException("repository s3:" + scheme + "://...: credentials in the URL are"
                    + " not supported; give them in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        }
        String host = uri.getRawAuthority();
        if (host == null || host.isEmpty()) {
            throw bad(location, "no host in the URL");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.isEmpty() || path.equals("/")) {
            throw bad(location, "bucket name not found (use s3:" + scheme + "://HOST[:PORT]/BUCKET[/PREFIX])");
        }
        String[] parts = path.substring(1).split("/", 2);
        if (parts[0].isEmpty()) {
            throw bad(location, "bucket name not found");
        }
        return create(location, host, parts[0], parts.length > 1 ? parts[1] : "", scheme.equals("http"));
    }

    private static S3Location create(String location, String endpoint, String bucket, String rawPrefix,
            boolean http) {
        if (bucket.contains(":") || bucket.contains("?") || bucket.contains("#")) {
            throw bad(location, "\"" + bucket + "\" is not a bucket name");
        }
        if (!isHostAndPort(endpoint)) {
            throw bad(location, "\"" + endpoint + "\" is not a host name or address with an optional :port");
        }
        return new S3Location(endpoint, http, bucket, rawPrefix.isEmpty() ? "" : clean(rawPrefix));
    }

    private static boolean isHostAndPort(String endpoint) {
        try {
            URI u = new URI("https://" + endpoint);
            return u.getHost() != null && u.getRawPath().isEmpty() && u.getRawQuery() == null
                    && u.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Go's {@code path.Clean}, with "." (the cleaned empty path) meaning no prefix. */
    static String clean(String p) {
        boolean rooted = p.startsWith("/");
        Deque<String> out = new ArrayDeque<>();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.peekLast().equals("..")) {
                    out.removeLast();
                } else if (!rooted) {
                    out.addLast(part);
                }
            } else {
                out.addLast(part);
            }
        }
        String joined = String.join("/", out);
        return rooted ? "/" + joined : joined;
    }

    private static IllegalArgumentException bad(String location, String why) {
        return new IllegalArgumentException("repository " + location + ": " + why);
    }

    /** The endpoint as a URL ({@code http://} or {@code https://}). */
    public URI endpointUri() {
        return URI.create((useHttp ? "http" : "https") + "://" + endpoint);
    }

    /** Whether the endpoint is AWS's own S3 (which takes virtual-host addressing and real regions). */
    public boolean isAws() {
        return AWS_HOST.matcher(hostOnly()).matches();
    }

    /** The region an AWS endpoint names ({@code s3.eu-west-1.amazonaws.com}), if any. */
    public Optional<String> awsRegion() {
        Matcher m = AWS_HOST.matcher(hostOnly());
        return m.matches() && m.group(1) != null ? Optional.of(m.group(1)) : Optional.empty();
    }

    private String hostOnly() {
        int colon = endpoint.lastIndexOf(':');
        return (colon > 0 && !endpoint.endsWith("]") ? endpoint.substring(0, colon) : endpoint)
                .toLowerCase(java.util.Locale.ROOT);
    }

    /** The object key of one repository file: restic's default layout, data fanned out by two hex digits. */
    public String key(FileType type, String name) {
        if (type == FileType.CONFIG) {
            return join("config");
        }
        if (type == FileType.DATA) {
            return join("data/" + name.substring(0, 2) + "/" + name);
        }
        return join(type.folder() + "/" + name);
    }

    /** The key prefix under which every file of {@code type} lies (ends with a slash). */
    public String folder(FileType type) {
        return join(type.folder() + "/");
    }

    /** The key prefix of the whole repository: empty for the bucket's root, else {@code PREFIX/}. */
    public String root() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    private String join(String rel) {
        return root() + rel;
    }
}
