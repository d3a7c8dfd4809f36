package io.chronosguard.engine.fs;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * File names as raw bytes. On Linux a name is any byte string, but {@link Path#toString}
 * decodes it with {@code sun.jnu.encoding} and replaces bytes that are not valid (e.g.
 * 0xFF in UTF-8) with U+FFFD, and a {@code String} cannot name such a file. A {@code Path}
 * from a directory listing keeps the raw bytes, though, and the JDK's {@code file:} URIs
 * carry them percent-encoded both ways ({@link Path#toUri}, {@link Path#of(URI)}): public
 * API, no {@code --add-opens}, whatever the locale. Names that decode cleanly take the
 * plain {@code String} route.
 */
public final class RawNames {
    private static final Charset JNU = jnuCharset();
    private static final boolean UTF8 = JNU.equals(StandardCharsets.UTF_8);

    private RawNames() {
    }

    private static Charset jnuCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** The raw bytes of {@code p}'s last component (empty for a root). */
    public static byte[] fileName(Path p) {
        Path fn = p.getFileName();
        if (fn == null) {
            return new byte[0];
        }
        String s = fn.toString();
        if (plain(s)) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        String raw = p.toAbsolutePath().toUri().getRawPath();
        if (raw.endsWith("/")) {
            raw = raw.substring(0, raw.length() - 1);
        }
        return percentDecode(raw.substring(raw.lastIndexOf('/') + 1));
    }

    /** {@code dir}'s child named by the raw bytes {@code name} (one component, no '/'). */
    public static Path resolve(Path dir, byte[] name) {
        if (plain(name)) {
            return dir.resolve(new String(name, StandardCharsets.UTF_8));
        }
        String base = dir.toAbsolutePath().toUri().getRawPath();
        if (!base.endsWith("/")) {
            base += "/";
        }
        return Path.of(URI.create("file://" + base + percentEncode(name)));
    }

    /** {@code p}'s absolute path as the kernel sees it, without a terminating NUL. */
    public static byte[] pathBytes(Path p) {
        Path a = p.toAbsolutePath();
        if (representable(a)) {
            return a.toString().getBytes(StandardCharsets.UTF_8);
        }
        String raw = a.toUri().getRawPath();
        if (raw.length() > 1 && raw.endsWith("/")) {
            raw = raw.substring(0, raw.length() - 1);
        }
        return percentDecode(raw);
    }

    /** Whether {@code p}'s string form names the same file (so it may go to other programs). */
    public static boolean representable(Path p) {
        for (Path c : p) {
            if (!plain(c.toString())) {
                return false;
            }
        }
        return true;
    }

    /** A name that {@code toString} gave back unharmed: no replacement characters. */
    private static boolean plain(String s) {
        if (UTF8) {
            return s.indexOf('\uFFFD') < 0;
        }
        return s.chars().allMatch(c -> c < 0x80 && c != '?');
    }

    private static boolean plain(byte[] name) {
        if (!UTF8) {
            for (byte b : name) {
                if (b < 0 || b == '?') {
                    return false;
                }
            }
            return true;
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(name)).toString();
            return s.indexOf('\uFFFD') < 0;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String percentEncode(byte[] name) {
        StringBuilder sb = new StringBuilder(name.length * 3);
        for (byte b : name) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
                    || c == '_') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    private static byte[] percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                // the JDK percent-encodes every non-ASCII byte, so the rest is ASCII
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
