package io.chronosguard.migration.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes a JSON tree as compact, pure-ASCII text (every other character as a {@code \\uXXXX}
 * escape, as Python's {@code json.dump} did). Escaping keeps lone surrogates intact — they stand
 * for undecodable bytes of file names — and makes the text safe for any database encoding.
 *
 * <p>{@link #canonical} additionally sorts object keys and writes numbers by value (so
 * {@code 1.50}, {@code 1.5} and {@code 15e-1} are one number, and {@code 3.0} equals {@code 3});
 * its SHA-256 is a legacy entry's identity (§9.6).
 */
public final class CanonicalJson {
    /** Integral values with more digits than this keep scientific notation, so "1e999999999" stays small. */
    private static final int MAX_PLAIN_DIGITS = 40;

    private CanonicalJson() {
    }

    /** Keys sorted, numbers by value: the text an entry's fingerprint is computed from. */
    public static String canonical(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(node, true, sb);
        return sb.toString();
    }

    /** Keys in file order, numbers as parsed: the raw entry kept for audit. */
    public static String raw(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(node, false, sb);
        return sb.toString();
    }

    /** Hex SHA-256 of the canonical text. */
    public static String fingerprint(JsonNode node) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(node).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void write(JsonNode node, boolean canonical, StringBuilder sb) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, canonical, sb);
            case ARRAY -> {
                sb.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    write(node.get(i), canonical, sb);
                }
                sb.append(']');
            }
            case STRING -> string(node.textValue(), sb);
            case NUMBER -> sb.append(canonical ? canonicalNumber(node) : rawNumber(node));
            case BOOLEAN -> sb.append(node.booleanValue());
            default -> sb.append("null");
        }
    }

    private static void writeObject(JsonNode node, boolean canonical, StringBuilder sb) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
        if (canonical) {
            fields.sort(Map.Entry.comparingByKey());
        }
        sb.append('{');
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            string(fields.get(i).getKey(), sb);
            sb.append(':');
            write(fields.get(i).getValue(), canonical, sb);
        }
        sb.append('}');
    }

    private static String rawNumber(JsonNode node) {
        if (node.isDouble() || node.isFloat()) {
            return nonFinite(node.doubleValue());
        }
        return node.isBigDecimal() ? node.decimalValue().toString() : node.bigIntegerValue().toString();
    }

    private static String canonicalNumber(JsonNode node) {
        if (node.isDouble() || node.isFloat()) {
            double d = node.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return nonFinite(d);
            }
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        BigDecimal d = node.decimalValue().stripTrailingZeros();
        if (d.scale() <= 0 && d.precision() - d.scale() <= MAX_PLAIN_DIGITS) {
            return d.toBigIntegerExact().toString();
        }
        return d.toString();
    }

    /** Python's spelling of the values JSON has no syntax for. */
    private static String nonFinite(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return new BigDecimal(Double.toString(d)).toString();
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
