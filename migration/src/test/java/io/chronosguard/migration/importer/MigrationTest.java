package io.chronosguard.migration.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.migration.legacy.MappedRun;
import io.chronosguard.migration.legacy.Rejection;
import io.chronosguard.migration.legacy.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {
    private final Migration migration = new Migration(Samples.NEW_YORK);

    @TempDir
    Path tmp;

    @Test
    void read_allFiveSamples_fiftyOneRunsHundredTwentyDuplicates() throws IOException {
        Plan plan = migration.read(Samples.dir());

        assertEquals(5, plan.accepted().size());
        assertEquals(List.of(), plan.rejected());
        assertEquals(51, plan.runs().size());
        assertEquals(171, plan.sightings());
        assertEquals(120, plan.duplicates());
        assertEquals(List.of(), plan.skipped());
        assertEquals(1, plan.unfinished().size());
        assertEquals(Samples.file(Samples.RUNNING).toString(), plan.unfinished().get(0).file());
    }

    @Test
    void read_eachSampleAlone_countsOfTheFormatNotes() throws IOException {
        assertCounts(Samples.HISTORY, 50, 0);
        assertCounts(Samples.RUNNING, 50, 0);
        assertCounts(Samples.COMPLETED, 50, 0);
        assertCounts(Samples.V2, 11, 0);
        assertCounts(Samples.MODULAR, 10, 0);
    }

    @Test
    void read_runsSortedOldestFirst() throws IOException {
        List<MappedRun> runs = migration.read(Samples.dir()).runs();

        assertEquals(Instant.parse("2025-01-07T00:42:07Z"), runs.get(0).startedAt());
        assertEquals(Instant.parse("2025-06-28T00:14:09Z"), runs.get(50).startedAt());
        for (int i = 1; i < runs.size(); i++) {
            assertFalse(runs.get(i).startedAt().isBefore(runs.get(i - 1).startedAt()));
        }
    }

    @Test
    void commit_thenAgain_secondAddsNothing() throws IOException {
        MemoryRunStore store = new MemoryRunStore();

        RunStore.Stored first = Migration.commit(migration.read(Samples.dir()), store);
        RunStore.Stored second = Migration.commit(migration.read(Samples.file(Samples.HISTORY)), store);

        assertEquals(new RunStore.Stored(51, 0), first);
        assertEquals(new RunStore.Stored(0, 50), second);
        assertEquals(List.of(51, 50), store.storeCalls); // one batch (one transaction) per import
    }

    @Test
    void read_folderWithOneBadFile_notImportableAndCommitRefused() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("old"));
        Files.copy(Samples.file(Samples.HISTORY), dir.resolve("backup_history.json"));
        Files.writeString(dir.resolve("backup_status.json"), "{\"directories\": [], \"state\": \"runn");

        Plan plan = migration.read(dir);

        assertFalse(plan.importable());
        assertEquals(Rejection.MALFORMED_JSON, plan.rejected().get(0).rejection());
        assertEquals(dir.resolve("backup_status.json").toString(), plan.rejected().get(0).file());
        MemoryRunStore store = new MemoryRunStore();
        assertThrows(IllegalStateException.class, () -> Migration.commit(plan, store));
        assertEquals(List.of(), store.storeCalls);
    }

    @Test
    void read_folder_onlyJsonFilesReadOthersListed() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("old"));
        Files.copy(Samples.file(Samples.HISTORY), dir.resolve("backup_history.json"));
        Files.writeString(dir.resolve("backup_server.py"), "import json\n");
        Files.createDirectory(dir.resolve("logs"));

        Plan plan = migration.read(dir);

        assertEquals(1, plan.accepted().size());
        assertEquals(List.of("backup_server.py", "logs/"), plan.ignored());
    }

    @Test
    void read_exactRepeatsInOneFile_collapseSameDateOthersKept() throws IOException {
        String a = "{\"date\": \"2025-03-01 10:00:00\", \"duration\": 297.5, \"errors\": 4}";
        String b = "{\"date\": \"2025-03-01 10:00:00\", \"duration\": 299.9, \"errors\": 5}";
        String aAgain = "{\"errors\": 4, \"duration\": 297.50, \"date\": \"2025-03-01 10:00:00\"}";
        Path f = Files.writeString(tmp.resolve("h.json"), "{\"history\": [" + a + "," + b + "," + aAgain + "," + a + "]}");

        Plan plan = migration.read(f);

        assertEquals(2, plan.runs().size());
        assertEquals(2, plan.duplicates());
    }

    @Test
    void missing_listsRunsNotInStore() throws IOException {
        MemoryRunStore store = new MemoryRunStore();
        Migration.commit(migration.read(Samples.file(Samples.HISTORY)), store);

        List<MappedRun> missing = Migration.missing(migration.read(Samples.dir()), store);

        assertEquals(1, missing.size());
        assertEquals("2025-06-27 20:14:09", missing.get(0).localDate());
    }

    @Test
    void read_missingSource_usageError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> migration.read(tmp.resolve("nope")));
        assertTrue(e.getMessage().contains("no such file or folder"), e.getMessage());
    }

    @Test
    void read_folderWithoutJson_usageError() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("empty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> migration.read(dir));
        assertTrue(e.getMessage().contains("holds no .json file"), e.getMessage());
    }

    private void assertCounts(String sample, int runs, int skipped) throws IOException {
        Plan plan = migration.read(Samples.file(sample));
        assertEquals(runs, plan.runs().size(), sample);
        assertEquals(0, plan.duplicates(), sample);
        assertEquals(skipped, plan.skipped().size(), sample);
    }
}
