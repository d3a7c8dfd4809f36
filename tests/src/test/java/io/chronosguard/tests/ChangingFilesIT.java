package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the CLI: a file that cannot be read (this JVM's own /proc/PID/mem, which fails
 * with EIO even for root) is reported and skipped, the snapshot is written and the exit code
 * is 3; a large file appended to by another thread while it is read is saved as read and
 * reported as changed. restic checks and restores the result.
 */
class ChangingFilesIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Appends to {@code file} every millisecond until closed. */
    static final class Appender implements AutoCloseable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong appends = new AtomicLong();
        final Thread thread;

        Appender(Path file) {
            thread = new Thread(() -> {
                byte[] line = "one more line appended during the backup\n".getBytes();
                try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
                    while (!stop.get()) {
                        out.write(line);
                        out.flush();
                        appends.incrementAndGet();
                        Thread.sleep(1);
                    }
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, "appender");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }

    @Test
    void backup_unreadableFileAndFileGrowingWhileRead_exit3ReportsBothAndResticChecksClean() throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src);
        Random rnd = new Random(5);
        SourceTree.randomFile(src.resolve("steady.bin"), 2 << 20, rnd);
        Path growing = src.resolve("growing.log");
        SourceTree.randomFile(growing, 48L << 20, rnd);
        Path repo = tmp.resolve("repo");
        Restic restic = new Restic(repo);
        restic.ok("init");
        String unreadable = "/proc/" + ProcessHandle.current().pid() + "/mem";

        Cli.Result r;
        try (Appender a = new Appender(growing)) {
            r = Cli.withPassword("-r", repo.toString(), "backup", "--json", src.toString(), unreadable);
        }
        assertEquals(3, r.exit(), r.err());

        List<JsonNode> errLines = new ArrayList<>();
        for (String line : r.err().strip().split("\n")) {
            errLines.add(JSON.readTree(line));
        }
        JsonNode error = errLines.stream().filter(n -> n.get("message_type").asText().equals("error")).findFirst()
                .orElseThrow(() -> new AssertionError("no error line on stderr: " + r.err()));
        assertEquals(unreadable, error.get("item").asText());
        assertEquals("archival", error.get("during").asText());
        assertTrue(error.get("error").get("message").asText().contains("Input/output error"), error.toString());
        JsonNode warning = errLines.stream().filter(n -> n.get("message_type").asText().equals("warning")).findFirst()
                .orElseThrow(() -> new AssertionError("no warning line on stderr: " + r.err()));
        assertEquals(growing.toString(), warning.get("item").asText());
        assertTrue(warning.get("warning").get("message").asText().contains("changed while it was being read"),
                warning.toString());
        for (String line : r.out().strip().split("\n")) {
            String type = JSON.readTree(line).get("message_type").asText();
            assertTrue(type.equals("status") || type.equals("summary"), "stdout holds only status and summary: " + line);
        }
        JsonNode sum = BackupIT.summary(r);
        assertEquals(1, sum.get("error_count").asLong(), sum.toString());

        restic.ok("check", "--read-data");
        Path target = tmp.resolve("restore");
        restic.ok("restore", sum.get("snapshot_id").asText(), "--target", target.toString());
        Path restored = target.resolve(src.toString().substring(1));
        assertArrayEquals(Files.readAllBytes(src.resolve("steady.bin")), Files.readAllBytes(restored.resolve("steady.bin")));
        byte[] got = Files.readAllBytes(restored.resolve("growing.log"));
        byte[] now = Files.readAllBytes(growing);
        assertTrue(got.length >= 48L << 20 && got.length < now.length, "restored " + got.length + " of " + now.length);
        assertArrayEquals(Arrays.copyOf(now, got.length), got, "the snapshot holds a prefix of the appended file");
        assertTrue(!Files.exists(target.resolve(unreadable.substring(1))), "the unreadable file was left out");

        Cli.Result plain = Cli.withPassword("-r", repo.toString(), "backup", src.toString(), unreadable);
        assertEquals(3, plain.exit(), plain.err());
        assertTrue(plain.err().contains("error: " + unreadable + ": cannot read: Input/output error"), plain.err());
        assertTrue(plain.err().contains("snapshot is incomplete"), plain.err());
    }
}
