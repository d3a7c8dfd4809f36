package io.chronosguard.web.node;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The API token a request must present as {@code Authorization: Bearer TOKEN}. Compared in
 * constant time; never logged or echoed. Empty = no token configured (loopback only).
 */
public final class BearerToken {
    private final Optional<byte[]> token;

    private BearerToken(Optional<byte[]> token) {
        this.token = token;
    }

    /** From {@code CHRONOSGUARD_API_TOKEN}; blank counts as unset. */
    public static BearerToken fromEnv(java.util.Map<String, String> env) {
        String t = env.get("CHRONOSGUARD_API_TOKEN");
        return new BearerToken(t == null || t.isBlank() ? Optional.empty()
                : Optional.of(t.strip().getBytes(StandardCharsets.UTF_8)));
    }

    public boolean configured() {
        return token.isPresent();
    }

    /** Whether an {@code Authorization} header value (or null) grants access. */
    public boolean accepts(String authorization) {
        if (token.isEmpty()) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token.get(), given);
    }

    @Override
    public String toString() {
        return configured() ? "BearerToken[set]" : "BearerToken[none]";
    }
}
