package io.chronosguard.engine.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Raw-byte names, checked against the shell: bash's printf makes the names and GNU find
 * lists them, so neither side of a test goes through Java's decoding.
 */
class RawNamesTest {
    static final byte[] F_FF_O = {0x66, (byte) 0xff, 0x6f};

    @TempDir
    Path dir;

    /** Runs a bash script with {@code dir} as $1 and returns its stdout's bytes. */
    byte[] bash(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", script, "bash", dir.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(out, StandardCharsets.UTF_8));
        return out;
    }

    List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void fileName_listedNameThatIsNotUtf8_returnsItsExactBytes() throws Exception {
        bash("printf data > \"$1/$(printf 'f\\377o')\"");
        Path listed = listing().get(0);
        assertArrayEquals(F_FF_O, RawNames.fileName(listed));
        assertFalse(RawNames.representable(listed));
        assertEquals("data", Files.readString(listed));
    }

    @Test
    void fileName_listedFolderThatIsNotUtf8_returnsItsExactBytes() throws Exception {
        bash("mkdir \"$1/$(printf 'd\\376r')\"");
        assertArrayEquals(new byte[] {0x64, (byte) 0xfe, 0x72}, RawNames.fileName(listing().get(0)));
    }

    @Test
    void fileName_utf8Name_returnsUtf8() throws IOException {
        Files.writeString(dir.resolve("café 😀"), "x");
        Path listed = listing().get(0);
        assertArrayEquals("café 😀".getBytes(StandardCharsets.UTF_8), RawNames.fileName(listed));
        assertTrue(RawNames.representable(listed));
    }

    @Test
    void resolve_nameThatIsNotUtf8_createsThatExactName() throws Exception {
        Path sub = RawNames.resolve(dir, new byte[] {0x64, (byte) 0xfe, 0x72});
        Files.createDirectory(sub);
        Files.writeString(RawNames.resolve(sub, F_FF_O), "inner");
        Files.writeString(RawNames.resolve(sub, "plain%41.txt".getBytes(StandardCharsets.UTF_8)), "plain");
        byte[] found = bash("cd \"$1\" && find . -mindepth 1 -printf '%P|' | tr '|' '\\n' | LC_ALL=C sort | tr '\\n' '|'");
        byte[] want = "d\u00fer|d\u00fer/f\u00ffo|d\u00fer/plain%41.txt|".getBytes(StandardCharsets.ISO_8859_1);
        assertArrayEquals(want, found, () -> new String(found, StandardCharsets.ISO_8859_1));
        assertArrayEquals(F_FF_O, RawNames.fileName(RawNames.resolve(sub, F_FF_O)));
    }

    @Test
    void resolve_utf8Name_isPlainResolve() {
        assertEquals(dir.resolve("café"), RawNames.resolve(dir, "café".getBytes(StandardCharsets.UTF_8)));
    }
}
