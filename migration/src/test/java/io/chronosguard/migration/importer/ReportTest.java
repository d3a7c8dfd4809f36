package io.chronosguard.migration.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronosguard.migration.legacy.Samples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private final Migration migration = new Migration(Samples.NEW_YORK);

    @TempDir
    Path tmp;

    @Test
    void text_allSamplesImported_countsSessionAndProfiles() throws IOException {
        Plan plan = migration.read(Samples.dir());
        String text = text(new Report(plan, Report.Mode.IMPORT, new RunStore.Stored(51, 0), null));

        assertTrue(text.contains("Runs found: 51 distinct, 120 duplicate sightings, 0 skipped, 2 dry runs"), text);
        assertTrue(text.contains("Imported 51 new runs (0 already in the catalog)."), text);
        assertTrue(text.contains("state running since 2025-06-28T00:14:09.151Z, copying 'go' at 36 %, folder 12 of 27"),
                text);
        assertTrue(text.contains("Profiles found: 5 (development, documents, media, minimal, full)"), text);
    }

    @Test
    void json_rejectedFile_namesKindAndImportsNothing() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("old"));
        Files.copy(Samples.file(Samples.HISTORY), dir.resolve("backup_history.json"));
        Files.writeString(dir.resolve("backup_status.json"), "");
        Plan plan = migration.read(dir);

        JsonNode json = ReportJson.of(new Report(plan, Report.Mode.IMPORT, null, null));

        assertEquals(1, json.get("rejected_files").asInt());
        assertEquals(0, json.get("imported").asInt());
        JsonNode rejected = json.get("files").get(1);
        assertEquals("EMPTY_FILE", rejected.get("rejection").asText());
        assertEquals(dir.resolve("backup_status.json").toString(), rejected.get("path").asText());
        assertTrue(text(new Report(plan, Report.Mode.IMPORT, null, null)).contains("Nothing imported: 1 file was rejected"));
    }

    @Test
    void json_skippedEntries_indexAndReason() throws IOException {
        Path f = Files.writeString(tmp.resolve("h.json"), "{\"history\": [{\"date\": \"2025-03-01 10:00:00\"}, {}]}");

        JsonNode json = ReportJson.of(new Report(migration.read(f), Report.Mode.DRY_RUN, null,
                migration.read(f).runs()));

        assertEquals(1, json.get("skipped").get(0).get("index").asInt());
        assertEquals("no date", json.get("skipped").get(0).get("reason").asText());
        assertEquals(1, json.get("would_import").asInt());
    }

    private static String text(Report r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportText.print(r, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
