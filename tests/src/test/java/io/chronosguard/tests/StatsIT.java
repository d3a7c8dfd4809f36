package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code stats} against repositories restic 0.14 wrote (v1 and v2; two snapshots, the second
 * with a changed file, a new one and a copy of a 12 MiB file, so deduplication shows). Every
 * mode gives restic's {@code total_size}, {@code total_file_count}, {@code total_blob_count}
 * and {@code snapshots_count} for all snapshots, the latest, and two named; raw-data's extra figures
 * are checked against the index files as restic itself prints them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    Path src;

    @BeforeAll
    void twoSnapshotsWithRestic() throws IOException {
        src = tmp.resolve("source");
        SourceTree.create(src, 23);
        for (int v : new int[] {1, 2}) {
            new Restic(repo(v)).ok("init", "--repository-version", Integer.toString(v));
            new Restic(repo(v)).ok("backup", src.toString());
        }
        Files.writeString(src.resolve("deep/a/small-3.txt"), "changed\n");
        Files.writeString(src.resolve("added.txt"), "new in the second snapshot\n");
        Files.copy(src.resolve("big.bin"), src.resolve("big-copy.bin"));
        for (int v : new int[] {1, 2}) {
            new Restic(repo(v)).ok("backup", src.toString());
        }
    }

    Path repo(int v) {
        return tmp.resolve("repo-v" + v);
    }

    JsonNode ours(int v, String... rest) throws IOException {
        List<String> a = new ArrayList<>(List.of("-r", repo(v).toString(), "stats", "--json"));
        a.addAll(List.of(rest));
        Cli.Result r = Cli.withPassword(a.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return JSON.readTree(r.out());
    }

    JsonNode theirs(int v, String... rest) throws IOException {
        List<String> a = new ArrayList<>(List.of("stats", "--json"));
        a.addAll(List.of(rest));
        return JSON.readTree(new Restic(repo(v)).ok(a.toArray(String[]::new)));
    }

    List<String> snapshotIds(int v) throws IOException {
        List<String> ids = new ArrayList<>();
        JSON.readTree(new Restic(repo(v)).ok("snapshots", "--json")).forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    @ParameterizedTest(name = "v{0} {1}")
    // Content-based modes count plaintext only, so one repository version is enough for them.
    @CsvSource({"1, restore-size", "2, restore-size", "2, files-by-contents", "2, blobs-per-file", "1, raw-data",
        "2, raw-data"})
    void stats_everyModeAndSelection_givesResticsNumbers(int v, String mode) throws IOException {
        List<String> ids = snapshotIds(v);
        List<List<String>> selections = List.of(List.of(), List.of("latest"), List.of(ids.get(0), ids.get(1)));
        for (List<String> sel : selections) {
            List<String> rest = new ArrayList<>(List.of("--mode", mode));
            rest.addAll(sel);
            JsonNode t = theirs(v, rest.toArray(String[]::new));
            JsonNode o = ours(v, rest.toArray(String[]::new));
            for (String f : List.of("total_size", "total_file_count", "total_blob_count", "snapshots_count")) {
                assertEquals(t.path(f).asLong(), o.path(f).asLong(), mode + " " + sel + " " + f);
            }
        }
    }

    /** restic's own index JSON: stored and uncompressed size of every blob, each (id, type) once. */
    long[] indexTotals(int v) throws IOException {
        long stored = 0;
        long uncompressed = 0;
        long count = 0;
        Set<String> seen = new HashSet<>();
        for (String id : new Restic(repo(v)).ok("list", "index").split("\n")) {
            JsonNode index = JSON.readTree(new Restic(repo(v)).ok("cat", "index", id));
            for (JsonNode pack : index.get("packs")) {
                for (JsonNode b : pack.get("blobs")) {
                    if (seen.add(b.get("type").asText() + b.get("id").asText())) {
                        long len = b.get("length").asLong();
                        stored += len;
                        uncompressed += b.has("uncompressed_length") ? b.get("uncompressed_length").asLong() + 32 : len;
                        count++;
                    }
                }
            }
        }
        return new long[] {stored, uncompressed, count};
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2})
    void rawData_allSnapshots_sizesAndRatiosAgreeWithTheIndex(int v) throws IOException {
        // No snapshot was forgotten, so every blob in the index is referenced: the sums must match.
        long[] index = indexTotals(v);
        JsonNode raw = ours(v, "--mode", "raw-data");
        assertEquals(index[0], raw.get("total_size").asLong());
        assertEquals(index[1], raw.get("total_uncompressed_size").asLong());
        assertEquals(index[2], raw.get("total_blob_count").asLong());
        long restore = ours(v).get("total_size").asLong();
        assertEquals(restore, raw.get("restore_size").asLong());
        assertEquals((double) restore / index[1], raw.get("dedup_ratio").asDouble(), 1e-9);
        assertTrue(raw.get("dedup_ratio").asDouble() > 1.5, "big.bin is stored once for three copies: " + raw);
        if (v == 1) {
            assertFalse(raw.has("compression_ratio"), raw::toString);
            assertEquals(raw.get("total_size"), raw.get("total_uncompressed_size"));
        } else {
            assertTrue(raw.get("compression_ratio").asDouble() > 1, "log.txt compresses well: " + raw);
            assertEquals(100.0, raw.get("compression_progress").asDouble(), 1e-9, "restic 0.14 compresses every blob");
        }
    }

    @Test
    void stats_text_showsModeCountsAndSizes() {
        Cli.Result r = Cli.withPassword("-r", repo(2).toString(), "stats");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Stats in restore-size mode:"), r.out());
        assertTrue(r.out().contains("Snapshots processed:  2"), r.out());
        assertTrue(r.out().contains("Total File Count:"), r.out());
        assertTrue(r.out().contains(" MiB"), r.out());
        Cli.Result raw = Cli.withPassword("-r", repo(2).toString(), "stats", "--mode", "raw-data", "latest");
        assertEquals(0, raw.exit(), raw.err());
        assertTrue(raw.out().contains("Compression Ratio:"), raw.out());
        assertTrue(raw.out().contains("Deduplication Ratio:"), raw.out());
    }

    @Test
    void stats_unknownMode_exits2ListingModes() {
        Cli.Result r = Cli.withPassword("-r", repo(2).toString(), "stats", "--mode", "everything");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("restore-size, files-by-contents, blobs-per-file, raw-data"), r.err());
    }

    @Test
    void stats_unknownSnapshot_exits14WithoutStackTrace() {
        Cli.Result r = Cli.withPassword("-r", repo(2).toString(), "stats", "latest", "feedface");
        assertEquals(14, r.exit(), r.err());
        assertTrue(r.err().contains("feedface"), r.err());
        RepositoryErrorsIT.assertNoStackTrace(r);
    }
}
