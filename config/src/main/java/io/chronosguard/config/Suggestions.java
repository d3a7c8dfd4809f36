package io.chronosguard.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" for unknown keys and flags. */
final class Suggestions {
    private static final int MAX_DISTANCE = 2;
    private static final List<String> SECRET_WORDS = List.of("pass", "pwd", "pw", "secret", "token", "key");

    private Suggestions() {
    }

    /** {@code "; did you mean 'workers'?"}, or an empty string when nothing is close. */
    static String hint(String unknown, List<String> known) {
        return closest(unknown, known).map(k -> "; did you mean '" + k + "'?").orElse("");
    }

    /**
     * The known name within a couple of typos of {@code unknown} (case and {@code _} versus
     * {@code -} ignored), else one with the same last part ({@code port}, {@code server.port}
     * or {@code max_workers} suggest {@code http.port} and {@code workers}).
     */
    static Optional<String> closest(String unknown, List<String> known) {
        String u = normalize(unknown);
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String k : known) {
            int d = distance(u, normalize(k));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        return known.stream().filter(k -> sameLastPart(u, normalize(k))).findFirst();
    }

    /**
     * True for names a password might be stored under, so that a misspelt password key or flag
     * does not print the password in the error meant to fix it.
     */
    static boolean looksSecret(String name) {
        String n = normalize(name);
        String last = n.substring(n.lastIndexOf('.') + 1).replaceFirst("^-+", "");
        return SECRET_WORDS.stream().anyMatch(n::contains) || distance(last, "password") <= 3;
    }

    /** Optimal-string-alignment distance: edits, with a swap of neighbours counting as one. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static boolean sameLastPart(String unknown, String known) {
        String last = known.substring(known.lastIndexOf('.') + 1);
        return unknown.equals(last) || unknown.endsWith("." + last) || unknown.endsWith("-" + last);
    }

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
