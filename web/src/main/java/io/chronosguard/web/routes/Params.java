package io.chronosguard.web.routes;

import io.chronosguard.web.ApiException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** Query parameter parsing whose errors name the parameter (400). */
final class Params {
    private Params() {
    }

    static int intIn(Optional<String> raw, String name, int dflt, int min, int max) {
        if (raw.isEmpty() || raw.get().isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw.get().trim());
            if (v < min || v > max) {
                throw ApiException.badParameter(name, "must be between " + min + " and " + max + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "must be a whole number, got \"" + raw.get() + "\"");
        }
    }

    static String required(Optional<String> raw, String name) {
        return raw.filter(s -> !s.isBlank())
                .orElseThrow(() -> ApiException.badParameter(name, "is required and must not be empty"));
    }

    /** {@code given} as an absolute path on this machine; {@code bad} turns a problem into the 400 to throw. */
    static Path absolutePath(String given, Function<String, ApiException> bad) {
        Path p;
        try {
            p = Path.of(given);
        } catch (InvalidPathException e) {
            throw bad.apply("not a valid path: " + e.getReason());
        }
        if (!p.isAbsolute()) {
            throw bad.apply("must be an absolute path on the server, got \"" + given + "\"");
        }
        return p;
    }
}
