package io.chronosguard.engine.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.repo.format.ExtendedAttribute;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extended attributes of every namespace, on files, symlinks, FIFOs and raw-byte names,
 * checked against setfattr/getfattr from the attr package. Tests run as root (trusted.*).
 */
class XattrsTest {
    @TempDir
    Path dir;

    String bash(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", script, "bash", dir.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String s = new String(out, StandardCharsets.ISO_8859_1);
        assertEquals(0, p.exitValue(), s);
        return s;
    }

    static List<String> names(List<ExtendedAttribute> attrs) {
        return attrs.stream().map(ExtendedAttribute::name).sorted().toList();
    }

    Path only() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findFirst().orElseThrow();
        }
    }

    @Test
    void read_fileWithUserAndTrustedAttributes_returnsBoth() throws Exception {
        bash("cd \"$1\" && touch f && setfattr -n user.comment -v hello f && setfattr -n trusted.t -v 0x00ff f");
        List<ExtendedAttribute> attrs = Xattrs.read(dir.resolve("f"));
        assertEquals(List.of("trusted.t", "user.comment"), names(attrs));
        for (ExtendedAttribute a : attrs) {
            assertArrayEquals(a.name().equals("user.comment") ? "hello".getBytes() : new byte[] {0, (byte) 0xff},
                    a.value());
        }
    }

    @Test
    void read_symlinkAndFifo_readsTheirOwnWithoutFollowingOrBlocking() throws Exception {
        bash("cd \"$1\" && touch target && setfattr -n user.of-target -v t target && ln -s target l"
                + " && setfattr -h -n trusted.link -v l l && mkfifo p && setfattr -n trusted.pipe -v p p");
        assertEquals(List.of("trusted.link"), names(Xattrs.read(dir.resolve("l"))));
        assertEquals(List.of("trusted.pipe"), names(Xattrs.read(dir.resolve("p"))));
    }

    @Test
    void read_noAttributes_returnsEmpty() throws Exception {
        Files.writeString(dir.resolve("plain"), "x");
        assertEquals(List.of(), Xattrs.read(dir.resolve("plain")));
    }

    @Test
    void write_rawByteNameAndFifo_setsExactlyThoseAttributes() throws Exception {
        bash("cd \"$1\" && touch \"$(printf 'f\\377o')\"");
        Path raw = only();
        Xattrs.write(raw, List.of(new ExtendedAttribute("user.a", "1".getBytes()),
                new ExtendedAttribute("trusted.b", new byte[0])));
        String dump = bash("cd \"$1\" && getfattr -h -d -m - -e hex \"$(printf 'f\\377o')\"");
        assertTrue(dump.contains("user.a=0x31") && dump.contains("trusted.b"), dump);
        bash("mkfifo \"$1/p\"");
        Xattrs.write(dir.resolve("p"), List.of(new ExtendedAttribute("trusted.p", "v".getBytes())));
        assertTrue(bash("getfattr -h -d -m - \"$1/p\"").contains("trusted.p=\"v\""));
    }

    @Test
    void write_userAttributeOnSymlink_failsNamingTheAttribute() throws Exception {
        bash("cd \"$1\" && touch t && ln -s t l");
        IOException e = assertThrows(IOException.class,
                () -> Xattrs.write(dir.resolve("l"), List.of(new ExtendedAttribute("user.x", "1".getBytes()))));
        assertTrue(e.getMessage().contains("user.x"), e.getMessage());
    }
}
