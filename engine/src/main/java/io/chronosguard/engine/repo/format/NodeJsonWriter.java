package io.chronosguard.engine.repo.format;

import io.chronosguard.engine.repo.Id;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;

/**
 * Writes one node as restic 0.14 does ({@code json.Marshal} of its {@code Node} struct):
 * compact, fields in struct order, {@code omitempty} where restic's struct has it (§8).
 */
final class NodeJsonWriter {
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private NodeJsonWriter() {
    }

    static void write(JsonBytes out, Node n) {
        out.ascii("{\"name\":");
        // Go-quote first, then JSON-escape the result (so a quote becomes \\\" in the text).
        GoJson.appendString(out, GoQuote.quote(n.rawName()), false);
        out.ascii(",\"type\":\"").ascii(n.type().json()).put('"');
        unsignedOmitEmpty(out, ",\"mode\":", n.mode());
        time(out, ",\"mtime\":", n.mtime(), "mtime");
        time(out, ",\"atime\":", n.atime(), "atime");
        time(out, ",\"ctime\":", n.ctime(), "ctime");
        out.ascii(",\"uid\":").ascii(Long.toString(n.uid()));
        out.ascii(",\"gid\":").ascii(Long.toString(n.gid()));
        stringOmitEmpty(out, ",\"user\":", n.user());
        stringOmitEmpty(out, ",\"group\":", n.group());
        unsignedOmitEmpty(out, ",\"inode\":", n.inode());
        unsignedOmitEmpty(out, ",\"device_id\":", n.deviceId());
        unsignedOmitEmpty(out, ",\"size\":", n.size());
        unsignedOmitEmpty(out, ",\"links\":", n.links());
        stringOmitEmpty(out, ",\"linktarget\":", n.linktarget());
        extendedAttributes(out, n.extendedAttributes());
        unsignedOmitEmpty(out, ",\"device\":", n.device());
        content(out, n.content());
        if (n.subtree() != null) {
            out.ascii(",\"subtree\":\"").ascii(n.subtree().hex()).put('"');
        }
        stringOmitEmpty(out, ",\"error\":", n.error());
        out.put('}');
    }

    private static void unsignedOmitEmpty(JsonBytes out, String key, long v) {
        if (v != 0) {
            out.ascii(key).ascii(Long.toUnsignedString(v));
        }
    }

    private static void stringOmitEmpty(JsonBytes out, String key, String v) {
        if (v != null && !v.isEmpty()) {
            out.ascii(key);
            GoJson.appendString(out, v, true);
        }
    }

    private static void time(JsonBytes out, String key, OffsetDateTime t, String field) {
        String s;
        try {
            s = GoJson.formatTime(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
        out.ascii(key).put('"').ascii(s).put('"');
    }

    private static void extendedAttributes(JsonBytes out, List<ExtendedAttribute> attrs) {
        if (attrs.isEmpty()) {
            return;
        }
        out.ascii(",\"extended_attributes\":[");
        for (int i = 0; i < attrs.size(); i++) {
            ExtendedAttribute a = attrs.get(i);
            out.ascii(i == 0 ? "{\"name\":" : ",{\"name\":");
            GoJson.appendString(out, a.name(), true);
            byte[] value = a.value();
            // Go writes a nil []byte as null and an empty one as "".
            String b64 = value == null ? "null" : '"' + B64.encodeToString(value) + '"';
            out.ascii(",\"value\":").ascii(b64);
            out.put('}');
        }
        out.put(']');
    }

    private static void content(JsonBytes out, List<Id> content) {
        out.ascii(",\"content\":");
        if (content == null) {
            out.ascii("null");
            return;
        }
        out.put('[');
        for (int i = 0; i < content.size(); i++) {
            out.ascii(i == 0 ? "\"" : ",\"").ascii(content.get(i).hex()).put('"');
        }
        out.put(']');
    }
}
