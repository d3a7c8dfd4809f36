package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names that are not valid UTF-8 (a file f\xffo, a folder d\xfer, a symlink and a FIFO with
 * such names) are backed up under their exact bytes: restic checks the snapshot and restores
 * them byte for byte, and so do we. bash's printf makes the names and GNU find lists them, so
 * the oracle never goes through Java's file-name decoding.
 */
class NonUtf8NamesIT {
    @TempDir
    Path tmp;

    /** Runs a bash script with {@code arg} as $1; returns stdout as ISO-8859-1 (byte for char). */
    static String bash(String script, Path arg) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", script, "bash", arg.toString()).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** Every entry under {@code root}: raw relative path, type, size (files) or link target. */
    static String listing(Path root) throws IOException, InterruptedException {
        return bash("cd \"$1\" && find . -mindepth 1 -printf '%P %y %s %l\\n' | LC_ALL=C sort"
                + " | sed -E 's/^(.* l) [0-9]+ /\\1 /'", root);
    }

    @Test
    void backup_namesThatAreNotUtf8_keptByteForByteByResticAndByUs() throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src);
        bash("cd \"$1\" && d=$(printf 'd\\376r') && f=$(printf 'f\\377o') && mkdir \"$d\""
                + " && printf 'inner bytes' > \"$d/$f\" && printf 'top' > \"$f\" && printf plain > plain.txt"
                + " && printf 'caf\\303\\251' > \"$(printf 'caf\\303\\251')\" && ln -s plain.txt \"$(printf 'l\\377')\""
                + " && mkfifo \"$(printf 'p\\377')\" && touch -d 2024-01-01T00:00:00 * \"$d/$f\"", src);
        String want = listing(src);
        assertTrue(want.contains("d\u00fer/f\u00ffo f 11"), want);

        Path repo = tmp.resolve("repo");
        Restic restic = new Restic(repo);
        restic.ok("init");
        Cli.Result r = Cli.withPassword("-r", repo.toString(), "backup", "--json", src.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode sum = BackupIT.summary(r);
        restic.ok("check", "--read-data");

        Path theirs = tmp.resolve("restic-restore");
        restic.ok("restore", sum.get("snapshot_id").asText(), "--target", theirs.toString());
        assertEquals(want, listing(theirs.resolve(src.toString().substring(1))), "restic's restore");
        TreeAssert.assertSameTree(src, theirs.resolve(src.toString().substring(1)));

        Path ours = tmp.resolve("our-restore");
        Cli.Result rr = Cli.withPassword("-r", repo.toString(), "restore", "latest", "--target", ours.toString());
        assertEquals(0, rr.exit(), rr.err());
        assertEquals(want, listing(ours.resolve(src.toString().substring(1))), "our restore");
        TreeAssert.assertSameTree(src, ours.resolve(src.toString().substring(1)));

        Cli.Result again = Cli.withPassword("-r", repo.toString(), "backup", "--json", src.toString());
        JsonNode s2 = BackupIT.summary(again);
        assertEquals(0, s2.get("files_new").asLong() + s2.get("files_changed").asLong(),
                "unchanged files with such names are found in the parent snapshot: " + s2);
    }
}
