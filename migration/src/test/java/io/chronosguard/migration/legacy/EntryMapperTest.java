package io.chronosguard.migration.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryMapperTest {
    private static final ObjectMapper M = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private final EntryMapper mapper = new EntryMapper(Samples.NEW_YORK);

    @Test
    void map_onlyDate_runWithEverythingUnknown() throws Exception {
        EntryMapper.Result r = map("{\"date\": \"2025-03-01 10:00:00\"}");

        MappedRun run = r.run();
        assertEquals(Instant.parse("2025-03-01T15:00:00Z"), run.startedAt());
        assertEquals(Outcome.UNKNOWN, run.outcome()); // never assume "Completed"
        assertFalse(run.dryRun());
        assertNull(run.bytes());
        assertNull(run.files());
        assertNull(run.durationSeconds());
        assertNull(run.finishedAt());
        assertNull(run.errorCount());
        assertNull(run.profile());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void map_completedAllFolders_success() throws Exception {
        assertEquals(Outcome.SUCCESS, map(entry("\"status\": \"Completed\", \"directoriesCompleted\": 27,"
                + " \"totalDirectories\": 27")).run().outcome());
    }

    @Test
    void map_completedFewerFolders_partial() throws Exception {
        assertEquals(Outcome.PARTIAL, map(entry("\"status\": \"Completed\", \"directoriesCompleted\": 0,"
                + " \"totalDirectories\": 27")).run().outcome());
    }

    @Test
    void map_completedCountsUnknown_unknown() throws Exception {
        assertEquals(Outcome.UNKNOWN, map(entry("\"status\": \"Completed\"")).run().outcome());
    }

    @Test
    void map_interrupted_cancelled() throws Exception {
        assertEquals(Outcome.CANCELLED, map(entry("\"status\": \"Interrupted\"")).run().outcome());
    }

    @Test
    void map_otherStatus_unknownWithWarning() throws Exception {
        EntryMapper.Result r = map(entry("\"status\": \"Exploded\""));

        assertEquals(Outcome.UNKNOWN, r.run().outcome());
        assertEquals(List.of("status 'Exploded' is neither Completed nor Interrupted; outcome unknown"), r.warnings());
    }

    @Test
    void map_wrongTypes_unknownWithWarningRunKept() throws Exception {
        EntryMapper.Result r = map(entry("\"size\": \"73 GB\", \"duration\": true, \"dryRun\": \"yes\","
                + " \"errors\": 2.5, \"profile\": 7, \"fileCount\": [], \"totalDirectories\": {}"));

        MappedRun run = r.run();
        assertNull(run.bytes());
        assertNull(run.durationSeconds());
        assertFalse(run.dryRun());
        assertNull(run.errorCount());
        assertNull(run.profile());
        assertNull(run.files());
        assertNull(run.totalDirectories());
        assertEquals(7, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().contains("size is a string (\"73 GB\"), not a whole number; stored as unknown"),
                r.warnings().toString());
        assertTrue(r.warnings().contains("dryRun is a string (\"yes\"), not true/false; read as false"),
                r.warnings().toString());
    }

    @Test
    void map_sizeBeyondInt64_unknownWithWarning() throws Exception {
        EntryMapper.Result r = map(entry("\"size\": 99999999999999999999999"));

        assertNull(r.run().bytes());
        assertEquals(1, r.warnings().size());
    }

    @Test
    void map_wholeNumberWrittenAsFloat_accepted() throws Exception {
        assertEquals(73950404200L, map(entry("\"size\": 73950404200.0")).run().bytes());
    }

    @Test
    void map_customProfile_noProfile() throws Exception {
        assertNull(map(entry("\"profile\": \"Custom\"")).run().profile());
        assertEquals("full", map(entry("\"profile\": \"full\"")).run().profile());
    }

    @Test
    void map_nullDryRun_false() throws Exception {
        EntryMapper.Result r = map(entry("\"dryRun\": null"));
        assertFalse(r.run().dryRun());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void map_unknownExtraKeys_ignoredButPartOfIdentity() throws Exception {
        EntryMapper.Result a = map(entry("\"workerId\": \"w1\""));
        EntryMapper.Result b = map(entry("\"workerId\": \"w2\""));

        assertEquals(List.of(), a.warnings());
        assertFalse(a.run().fingerprint().equals(b.run().fingerprint()));
    }

    @Test
    void map_negativeDuration_keptWithoutEndTime() throws Exception {
        EntryMapper.Result r = map(entry("\"duration\": -3.5"));

        assertEquals(-3.5, r.run().durationSeconds());
        assertNull(r.run().finishedAt());
        assertEquals(1, r.warnings().size());
    }

    @Test
    void map_nulInProfile_replacedWithWarning() throws Exception {
        EntryMapper.Result r = map(entry("\"profile\": \"a\\u0000b\""));

        assertEquals("a\ufffdb", r.run().profile());
        assertTrue(r.run().rawJson().contains("\"a\\u0000b\""), r.run().rawJson());
        assertEquals(List.of("profile holds a NUL character; shown as U+FFFD"), r.warnings());
    }

    @Test
    void map_durationPastYear9999_noEndTime() throws Exception {
        EntryMapper.Result r = map("{\"date\": \"9999-12-31 10:00:00\", \"duration\": 86400}");

        assertNull(r.run().finishedAt());
        assertEquals(86400.0, r.run().durationSeconds());
        assertEquals(1, r.warnings().size());
    }

    @Test
    void map_dateInDstGap_keptWithWarning() throws Exception {
        EntryMapper.Result r = map("{\"date\": \"2025-03-09 02:30:00\"}");

        assertEquals(Instant.parse("2025-03-09T07:30:00Z"), r.run().startedAt());
        assertEquals(1, r.warnings().size());
    }

    @Test
    void map_namesOriginFileAndIndex() throws Exception {
        MappedRun run = mapper.map(M.readTree(entry("")), "f.json", 17).run();

        assertEquals("f.json", run.originFile());
        assertEquals(17, run.index());
    }

    private static String entry(String fields) {
        return "{\"date\": \"2025-03-01 10:00:00\"" + (fields.isEmpty() ? "" : ", " + fields) + "}";
    }

    private EntryMapper.Result map(String json) throws Exception {
        return mapper.map(M.readTree(json), "h.json", 0);
    }
}
