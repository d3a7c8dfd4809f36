package io.chronosguard.engine.fs;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import io.chronosguard.engine.repo.format.ExtendedAttribute;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Extended attributes of every namespace ({@code user.}, {@code security.},
 * {@code trusted.}, {@code system.}), read and written by path without following symlinks and
 * without opening the file — as restic 0.14 does with llistxattr/lgetxattr/lsetxattr. The
 * JDK's UserDefinedFileAttributeView sees only {@code user.*} and opens the file, which waits
 * forever on a FIFO; JNA calls the C library directly.
 */
public final class Xattrs {
    private static final int ERANGE = 34;
    private static final int ENODATA = 61;
    private static final int ENOTSUP = 95;

    /** The C library's xattr calls; sizes are ssize_t/size_t (C long on Linux). */
    private interface LibC extends Library {
        NativeLong llistxattr(byte[] path, byte[] list, NativeLong size) throws LastErrorException;

        NativeLong lgetxattr(byte[] path, byte[] name, byte[] value, NativeLong size) throws LastErrorException;

        int lsetxattr(byte[] path, byte[] name, byte[] value, NativeLong size, int flags) throws LastErrorException;
    }

    private static final LibC C = Native.load("c", LibC.class);

    private Xattrs() {
    }

    /** {@code p}'s attributes in the order the kernel lists them; empty where unsupported. */
    public static List<ExtendedAttribute> read(Path p) throws IOException {
        byte[] path = cString(RawNames.pathBytes(p));
        byte[] names = listNames(path, p);
        List<ExtendedAttribute> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < names.length; i++) {
            if (names[i] == 0) {
                if (i > start) {
                    byte[] name = Arrays.copyOfRange(names, start, i);
                    byte[] value = value(path, cString(name), p);
                    if (value != null) {
                        out.add(new ExtendedAttribute(new String(name, StandardCharsets.UTF_8), value));
                    }
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** Sets each attribute on {@code p} (a symlink itself, not its target). */
    public static void write(Path p, List<ExtendedAttribute> attrs) throws IOException {
        byte[] path = cString(RawNames.pathBytes(p));
        for (ExtendedAttribute a : attrs) {
            byte[] v = a.value() == null ? new byte[0] : a.value();
            try {
                C.lsetxattr(path, cString(a.name().getBytes(StandardCharsets.UTF_8)), v, new NativeLong(v.length), 0);
            } catch (LastErrorException e) {
                throw new IOException("cannot set extended attribute " + a.name() + ": " + strerror(e), e);
            }
        }
    }

    private static byte[] listNames(byte[] path, Path p) throws IOException {
        while (true) {
            try {
                long size = C.llistxattr(path, null, new NativeLong(0)).longValue();
                if (size == 0) {
                    return new byte[0];
                }
                byte[] buf = new byte[(int) size];
                long n = C.llistxattr(path, buf, new NativeLong(size)).longValue();
                return Arrays.copyOf(buf, (int) n);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == ENOTSUP) {
                    return new byte[0];
                }
                if (e.getErrorCode() != ERANGE) {
                    throw new IOException("cannot list extended attributes: " + strerror(e), e);
                }
                // the list grew between the two calls: ask again
            }
        }
    }

    /** The value, or null when the attribute vanished since it was listed. */
    private static byte[] value(byte[] path, byte[] name, Path p) throws IOException {
        while (true) {
            try {
                long size = C.lgetxattr(path, name, null, new NativeLong(0)).longValue();
                byte[] buf = new byte[(int) size];
                long n = size == 0 ? 0 : C.lgetxattr(path, name, buf, new NativeLong(size)).longValue();
                return Arrays.copyOf(buf, (int) n);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == ENODATA) {
                    return null;
                }
                if (e.getErrorCode() != ERANGE) {
                    throw new IOException("cannot read extended attribute "
                            + new String(name, 0, name.length - 1, StandardCharsets.UTF_8) + ": " + strerror(e), e);
                }
            }
        }
    }

    private static byte[] cString(byte[] b) {
        return Arrays.copyOf(b, b.length + 1);
    }

    private static String strerror(LastErrorException e) {
        String m = e.getMessage();
        // JNA's message is "[errno] text"
        return m != null && m.startsWith("[") && m.indexOf(']') > 0 ? m.substring(m.indexOf(']') + 1).strip() : m;
    }
}
