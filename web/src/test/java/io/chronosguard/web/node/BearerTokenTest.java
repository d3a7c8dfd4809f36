package io.chronosguard.web.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BearerTokenTest {
    final BearerToken token = BearerToken.fromEnv(Map.of("CHRONOSGUARD_API_TOKEN", "s3cret-token"));

    @Test
    void accepts_rightToken_anyCaseOfScheme() {
        assertTrue(token.accepts("Bearer s3cret-token"));
        assertTrue(token.accepts("bearer s3cret-token"));
    }

    @Test
    void accepts_missingWrongOrPrefixToken_refused() {
        assertFalse(token.accepts(null));
        assertFalse(token.accepts(""));
        assertFalse(token.accepts("Bearer wrong"));
        assertFalse(token.accepts("Bearer s3cret"), "a prefix of the token is not the token");
        assertFalse(token.accepts("Bearer s3cret-token-and-more"));
        assertFalse(token.accepts("Basic s3cret-token"));
    }

    @Test
    void fromEnv_unsetOrBlank_acceptsEverythingAndSaysNotConfigured() {
        BearerToken none = BearerToken.fromEnv(Map.of("CHRONOSGUARD_API_TOKEN", "  "));
        assertFalse(none.configured());
        assertTrue(none.accepts(null));
    }

    @Test
    void toString_neverShowsTheToken() {
        assertFalse(token.toString().contains("s3cret"));
    }
}
