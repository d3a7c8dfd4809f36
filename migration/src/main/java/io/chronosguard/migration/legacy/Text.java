package io.chronosguard.migration.legacy;

/**
 * Lone UTF-16 surrogates: Python's surrogateescape turned each undecodable byte 0x80-0xFF of
 * a file name into U+DC80-U+DCFF, and json.dump wrote it as a lone {@code \\udcXX} (§9.11).
 * Raw entries keep them as escapes; readable fields get U+FFFD instead.
 */
final class Text {
    private Text() {
    }

    /** Whether {@code s} holds a surrogate that is not half of a valid pair. */
    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** {@code s} with every lone surrogate replaced by U+FFFD. */
    static String replaceLoneSurrogates(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }

    /** The JSON type of a value, for messages. */
    static String typeOf(com.fasterxml.jackson.databind.JsonNode n) {
        return switch (n.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> "a " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** A value for messages: JSON text, cut when long. */
    static String shown(com.fasterxml.jackson.databind.JsonNode n) {
        String s = CanonicalJson.raw(n);
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
