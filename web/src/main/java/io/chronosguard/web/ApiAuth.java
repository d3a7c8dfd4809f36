package io.chronosguard.web;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Bearer-token access control. The admin token may do everything; the viewer token (when
 * one is configured) may only read. A missing or wrong token gets 401, a viewer asking to
 * change something 403. The token is taken from {@code Authorization: Bearer ...}, or for
 * GET requests from the {@code token} query parameter, so download links and the WebSocket
 * (which browsers cannot give headers) work too.
 *
 * <p>Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time
 * taken does not depend on how much of a guess was right (nor on its length); they are
 * never logged and never part of a response.
 */
public final class ApiAuth {
    public static final String ADMIN_ENV = "CHRONOSGUARD_API_TOKEN";
    public static final String VIEWER_ENV = "CHRONOSGUARD_VIEWER_TOKEN";

    private final byte[] adminDigest;
    private final Optional<byte[]> viewerDigest;

    public ApiAuth(String adminToken, Optional<String> viewerToken) {
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("the admin token must not be empty");
        }
        this.adminDigest = digest(adminToken);
        this.viewerDigest = viewerToken.filter(t -> !t.isBlank()).map(ApiAuth::digest);
    }

    /**
     * Tokens from {@value #ADMIN_ENV} and {@value #VIEWER_ENV}. Without an admin token, one is
     * generated and printed once to {@code announce}: the only place it ever appears.
     */
    public static ApiAuth fromEnvironment(Map<String, String> env, PrintStream announce) {
        String admin = env.get(ADMIN_ENV);
        if (admin == null || admin.isBlank()) {
            admin = generateToken();
            announce.println("admin API token (generated; set " + ADMIN_ENV + " to choose one): " + admin);
        }
        return new ApiAuth(admin, Optional.ofNullable(env.get(VIEWER_ENV)));
    }

    /** 32 random bytes, URL-safe base64 (43 characters). */
    public static String generateToken() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The role a presented token grants, if any. */
    public Optional<Role> roleOf(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] d = digest(token);
        boolean admin = MessageDigest.isEqual(adminDigest, d);
        boolean viewer = viewerDigest.map(v -> MessageDigest.isEqual(v, d)).orElse(false);
        return admin ? Optional.of(Role.ADMIN) : viewer ? Optional.of(Role.VIEWER) : Optional.empty();
    }

    /** The role of the request's token, if it carries a valid one. */
    public Optional<Role> roleOf(HttpRequest request) {
        return tokenOf(request).flatMap(this::roleOf);
    }

    /** Admins and viewers pass to {@code inner} with their role; others get 401. */
    public Route reader(Function<Role, Route> inner) {
        return Directives.extractRequest(req -> {
            Optional<String> token = tokenOf(req);
            if (token.isEmpty()) {
                return unauthorized("no API token given: send \"Authorization: Bearer TOKEN\"");
            }
            return roleOf(token.get()).map(inner).orElseGet(() -> unauthorized("the API token is not valid"));
        });
    }

    /** Admins pass to {@code inner}; viewers get 403, others 401. */
    public Route admin(Supplier<Route> inner) {
        return reader(role -> role == Role.ADMIN ? inner.get() : Directives.complete(ApiErrors.error(
                StatusCodes.FORBIDDEN, "the viewer token may only read; this needs the admin token")));
    }

    private static Route unauthorized(String detail) {
        return Directives.complete(ApiErrors.error(StatusCodes.UNAUTHORIZED, detail)
                .addHeader(WWWAuthenticate.create(HttpChallenge.create("Bearer", "chronosguard"))));
    }

    static Optional<String> tokenOf(HttpRequest req) {
        Optional<String> header = req.getHeader("Authorization").map(h -> h.value().trim())
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7)).map(v -> v.substring(7).trim());
        if (header.isPresent()) {
            return header;
        }
        if (req.method().equals(HttpMethods.GET)) {
            return req.getUri().query().get("token");
        }
        return Optional.empty();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
