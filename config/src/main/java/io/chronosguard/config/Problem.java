package io.chronosguard.config;

import java.util.Objects;

/**
 * One thing wrong with the configuration.
 *
 * @param key      the setting, as named in the config file ({@code http.port}), an unknown key
 *                 or flag as written, or null when the problem is the file itself
 * @param badValue the offending value as given ({@code ***} for secrets), or null when none
 * @param origin   where the value came from: {@code config file /etc/x.conf:12},
 *                 {@code environment variable BACKUP_PORT}, {@code flag --workers} or
 *                 {@code default}
 * @param message  what is wrong, e.g. {@code must be a port number 1..65535}
 */
public record Problem(String key, String badValue, String origin, String message) {
    private static final int MAX_SHOWN = 100;

    public Problem {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(message, "message");
    }

    /**
     * One line, e.g. {@code http.port = "99999" (from environment variable BACKUP_PORT): must
     * be a port number 1..65535}; values are quoted and escaped so a line stays one line.
     */
    public String describe() {
        String text = oneLine(message);
        if (key == null) {
            return origin + ": " + text;
        }
        StringBuilder b = new StringBuilder(key);
        if (badValue != null) {
            b.append(" = ").append(quote(badValue));
        }
        return b.append(" (from ").append(origin).append("): ").append(text).toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String quote(String value) {
        StringBuilder b = new StringBuilder("\"");
        int end = Math.min(value.length(), MAX_SHOWN);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : c);
            }
        }
        return b.append(value.length() > MAX_SHOWN ? "...\"" : "\"").toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
