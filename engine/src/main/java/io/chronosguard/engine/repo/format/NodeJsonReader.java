package io.chronosguard.engine.repo.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.chronosguard.engine.repo.Id;
import java.io.IOException;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads one node object as Go's {@code json.Unmarshal} into restic's {@code Node} would:
 * fields in any order, unknown fields ignored, missing or {@code null} fields left zero, but
 * a value of the wrong type or range is an error. {@code name} and {@code type} are required.
 */
final class NodeJsonReader {
    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    private static final long UINT64 = -1;

    private NodeJsonReader() {
    }

    /** Reads the node whose START_OBJECT is the parser's current token. */
    static Node read(JsonParser p, int index) throws IOException {
        Node.Builder b = Node.blankBuilder();
        boolean haveName = false;
        boolean haveType = false;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            try {
                haveName |= field.equals("name");
                haveType |= field.equals("type");
                readField(p, b, field, v);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new TreeFormatException(index, field, e.getMessage(), e);
            }
        }
        if (!haveName || !haveType) {
            throw new TreeFormatException(index, haveName ? "type" : "name", "missing");
        }
        try {
            return b.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new TreeFormatException(index, null, e.getMessage(), e);
        }
    }

    private static void readField(JsonParser p, Node.Builder b, String field, JsonToken v)
            throws IOException {
        switch (field) {
            case "name" -> b.name(GoQuote.unquote(requiredString(p, v)));
            case "type" -> b.type(NodeType.fromJson(requiredString(p, v)));
            case "mode" -> b.mode(unsigned(p, v, UINT32_MAX));
            case "mtime" -> b.mtime(time(p, v));
            case "atime" -> b.atime(time(p, v));
            case "ctime" -> b.ctime(time(p, v));
            case "uid" -> b.uid(unsigned(p, v, UINT32_MAX));
            case "gid" -> b.gid(unsigned(p, v, UINT32_MAX));
            case "user" -> b.user(string(p, v));
            case "group" -> b.group(string(p, v));
            case "inode" -> b.inode(unsigned(p, v, UINT64));
            case "device_id" -> b.deviceId(unsigned(p, v, UINT64));
            case "size" -> b.size(unsigned(p, v, UINT64));
            case "links" -> b.links(unsigned(p, v, UINT64));
            case "linktarget" -> b.linktarget(string(p, v));
            case "extended_attributes" -> b.extendedAttributes(extendedAttributes(p, v));
            case "device" -> b.device(unsigned(p, v, UINT64));
            case "content" -> b.content(content(p, v));
            case "subtree" -> b.subtree(v == JsonToken.VALUE_NULL ? null : id(p, v));
            case "error" -> b.error(string(p, v));
            default -> p.skipChildren(); // unknown field: newer restic versions add some
        }
    }

    private static String requiredString(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("expected a string, got " + describe(v));
        }
        return p.getText();
    }

    private static Id id(JsonParser p, JsonToken v) throws IOException {
        return Id.parse(requiredString(p, v));
    }

    private static String string(JsonParser p, JsonToken v) throws IOException {
        return v == JsonToken.VALUE_NULL ? null : requiredString(p, v);
    }

    private static OffsetDateTime time(JsonParser p, JsonToken v) throws IOException {
        return v == JsonToken.VALUE_NULL ? Node.ZERO_TIME : Rfc3339.parse(requiredString(p, v));
    }

    /** An unsigned integer no larger than {@code max}, or any uint64 when max is -1. */
    private static long unsigned(JsonParser p, JsonToken v, long max) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (v != JsonToken.VALUE_NUMBER_INT) {
            throw new IllegalArgumentException("expected an unsigned integer, got " + describe(v));
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            BigInteger big = p.getBigIntegerValue();
            if (max != UINT64 || big.signum() < 0 || big.bitLength() > 64) {
                throw new IllegalArgumentException(big + " is out of range");
            }
            return big.longValue(); // the uint64's bits
        }
        long n = p.getLongValue();
        if (n < 0 || (max != UINT64 && n > max)) {
            throw new IllegalArgumentException(n + " is out of range");
        }
        return n;
    }

    private static List<ExtendedAttribute> extendedAttributes(JsonParser p, JsonToken v)
            throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return List.of();
        }
        expect(v, JsonToken.START_ARRAY, "an array");
        List<ExtendedAttribute> attrs = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            expect(t, JsonToken.START_OBJECT, "an object for attribute " + attrs.size());
            String name = "";
            byte[] value = null;
            for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                String key = p.currentName();
                JsonToken fv = p.nextToken();
                if (key.equals("name")) {
                    String s = string(p, fv);
                    name = s == null ? "" : s;
                } else if (key.equals("value")) {
                    String s = string(p, fv);
                    value = s == null ? null : base64(s, attrs.size());
                } else {
                    p.skipChildren();
                }
            }
            attrs.add(new ExtendedAttribute(name, value));
        }
        return attrs;
    }

    private static byte[] base64(String s, int attribute) {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("attribute " + attribute + ": value is not base64: "
                    + e.getMessage(), e);
        }
    }

    private static List<Id> content(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null; // non-file; distinct from [] (an empty file)
        }
        expect(v, JsonToken.START_ARRAY, "an array or null");
        List<Id> ids = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_STRING) {
                throw new IllegalArgumentException("element " + ids.size() + ": expected an id, got "
                        + describe(t));
            }
            ids.add(Id.parse(p.getText()));
        }
        return ids;
    }

    private static void expect(JsonToken got, JsonToken want, String what) {
        if (got != want) {
            throw new IllegalArgumentException("expected " + what + ", got " + describe(got));
        }
    }

    static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a fractional number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }
}
