package io.chronosguard.migration.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegacyFileReaderTest {
    private final LegacyFileReader reader = new LegacyFileReader(Samples.NEW_YORK);

    @TempDir
    Path tmp;

    // --- the samples of §11, one at a time ---

    @Test
    void read_historySample_fiftyRunsThirtySevenDatesTwoDryRuns() throws Exception {
        LegacyFile f = read(Samples.file(Samples.HISTORY));

        assertEquals(FileKind.HISTORY, f.kind());
        assertEquals(50, f.entries());
        assertEquals(50, f.runs().size());
        assertEquals(50, f.runs().stream().map(MappedRun::fingerprint).distinct().count());
        assertEquals(37, f.runs().stream().map(MappedRun::localDate).distinct().count());
        assertEquals(2, f.runs().stream().filter(MappedRun::dryRun).count());
        assertEquals(List.of(), f.skipped());
        assertTrue(f.unfinished().isEmpty());
    }

    @Test
    void read_historySample_newYorkTimesBecomeUtc() throws Exception {
        List<MappedRun> runs = read(Samples.file(Samples.HISTORY)).runs();

        MappedRun newest = runs.get(0); // "2025-06-24 19:55:13", summer: EDT, UTC-4
        assertEquals("2025-06-24 19:55:13", newest.localDate());
        assertEquals(Instant.parse("2025-06-24T23:55:13Z"), newest.startedAt());
        MappedRun oldest = runs.get(49); // "2025-01-06 19:42:07", winter: EST, UTC-5
        assertEquals(Instant.parse("2025-01-07T00:42:07Z"), oldest.startedAt());
        assertEquals(Instant.parse("2025-01-07T02:20:19.468259Z"), oldest.finishedAt()); // + 5892.468259334564 s
    }

    @Test
    void read_historySample_mapsFieldsWithoutFixingThem() throws Exception {
        MappedRun newest = read(Samples.file(Samples.HISTORY)).runs().get(0);

        assertEquals(Outcome.PARTIAL, newest.outcome()); // "Completed", but 26 of 27 folders
        assertEquals("Completed", newest.legacyStatus());
        assertEquals(73950404200L, newest.bytes());
        assertEquals(0L, newest.files());
        assertEquals(3L, newest.errorCount());
        assertEquals(6217.985276222229, newest.durationSeconds());
        assertNull(newest.profile());
        assertEquals("{\"date\":\"2025-06-24 19:55:13\",\"profile\":null,\"status\":\"Completed\","
                + "\"duration\":6217.985276222229,\"size\":73950404200,\"fileCount\":0,\"directoriesCompleted\":26,"
                + "\"totalDirectories\":27,\"errors\":3,\"dryRun\":false}", newest.rawJson());
        assertEquals(0, newest.index());
    }

    @Test
    void read_runningStatus_reportsUnfinishedSessionAndFiftyRuns() throws Exception {
        LegacyFile f = read(Samples.file(Samples.RUNNING));

        assertEquals(FileKind.STATUS, f.kind());
        assertEquals("M3", f.variant());
        assertEquals(27, f.folders());
        assertEquals(50, f.runs().size());
        UnfinishedSession u = f.unfinished().orElseThrow();
        assertEquals("running", u.state());
        assertEquals("go", u.currentFolder());
        assertEquals(36L, u.progress());
        assertEquals(11L, u.currentIndex());
        assertEquals(Instant.parse("2025-06-28T00:14:09.151Z"), u.startedAt());
        assertEquals(5, f.profiles().size());
    }

    @Test
    void read_runningStatus_embeddedHistoryIsTheHistoryFile() throws Exception {
        assertEquals(fingerprints(read(Samples.file(Samples.HISTORY))), fingerprints(read(Samples.file(Samples.RUNNING))));
    }

    @Test
    void read_completedStatus_fiftyRunsOneNewNoSession() throws Exception {
        LegacyFile f = read(Samples.file(Samples.COMPLETED));

        assertEquals(50, f.runs().size());
        assertTrue(f.unfinished().isEmpty());
        Set<String> fresh = fingerprints(f);
        fresh.removeAll(fingerprints(read(Samples.file(Samples.HISTORY))));
        assertEquals(1, fresh.size());
        assertEquals(Instant.parse("2025-06-28T00:14:09Z"), f.runs().get(0).startedAt());
    }

    @Test
    void read_v2Status_elevenRunsAllInHistory() throws Exception {
        LegacyFile f = read(Samples.file(Samples.V2));

        assertEquals("M2", f.variant());
        assertEquals(11, f.runs().size());
        assertTrue(fingerprints(read(Samples.file(Samples.HISTORY))).containsAll(fingerprints(f)));
        assertTrue(f.unfinished().isEmpty());
    }

    @Test
    void read_modularStatus_tenRunsFlaggedSimulated() throws Exception {
        LegacyFile f = read(Samples.file(Samples.MODULAR));

        assertEquals("MOD", f.variant());
        assertTrue(f.simulated());
        assertEquals(10, f.runs().size());
        assertTrue(fingerprints(read(Samples.file(Samples.HISTORY))).containsAll(fingerprints(f)));
        assertEquals(List.of(), f.skipped());
    }

    // --- whole-file rejections (§9.2) ---

    @Test
    void read_zeroBytes_emptyFile() throws IOException {
        assertRejected(Rejection.EMPTY_FILE, write("e.json", ""));
    }

    @Test
    void read_onlyWhitespace_emptyFile() throws IOException {
        assertRejected(Rejection.EMPTY_FILE, write("w.json", " \n\t\r\n "));
    }

    @Test
    void read_nulFilled_malformed() throws IOException {
        Path f = tmp.resolve("nul.json");
        Files.write(f, new byte[4096]);
        assertRejected(Rejection.MALFORMED_JSON, f);
    }

    @Test
    void read_nulBytesInsideString_malformed() throws IOException {
        assertRejected(Rejection.MALFORMED_JSON, write("n.json", "{\"history\": [{\"date\": \"2025-01-01 \u0000\"}]}"));
    }

    @Test
    void read_trailingNulsAfterValue_malformed() throws IOException {
        Path f = tmp.resolve("tn.json");
        byte[] json = "{\"history\": []}".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[json.length + 100];
        System.arraycopy(json, 0, all, 0, json.length);
        Files.write(f, all);
        assertRejected(Rejection.MALFORMED_JSON, f);
    }

    @Test
    void read_writtenTwice_malformedNamingTrailingData() throws Exception {
        String once = Files.readString(Samples.file(Samples.HISTORY));
        RejectedFileException e = assertRejected(Rejection.MALFORMED_JSON, write("twice.json", once + once));
        assertTrue(e.detail().startsWith("more data after the JSON value ends at line"), e.detail());
    }

    @Test
    void read_truncated_malformedSaysTruncated() throws Exception {
        String text = Files.readString(Samples.file(Samples.HISTORY));
        RejectedFileException e = assertRejected(Rejection.MALFORMED_JSON,
                write("cut.json", text.substring(0, text.length() / 2)));
        assertTrue(e.detail().contains("truncated"), e.detail());
        assertTrue(e.getMessage().startsWith(tmp.resolve("cut.json") + ": MALFORMED_JSON: "), e.getMessage());
    }

    @Test
    void read_invalidUtf8_malformed() throws IOException {
        Path f = tmp.resolve("latin1.json");
        Files.write(f, new byte[] {'{', '"', 'h', (byte) 0xe9, '"', ':', '1', '}'});
        assertRejected(Rejection.MALFORMED_JSON, f);
    }

    @Test
    void read_topLevelArray_unrecognised() throws IOException {
        assertRejected(Rejection.UNRECOGNISED_FORMAT, write("a.json", "[{\"date\": \"2025-01-01 10:00:00\"}]"));
    }

    @Test
    void read_historyNotArray_unrecognised() throws IOException {
        RejectedFileException e = assertRejected(Rejection.UNRECOGNISED_FORMAT, write("h.json", "{\"history\": {}}"));
        assertEquals("\"history\" is an object, not an array", e.detail());
    }

    @Test
    void read_historyWithExtraKey_unrecognised() throws IOException {
        assertRejected(Rejection.UNRECOGNISED_FORMAT, write("x.json", "{\"history\": [], \"version\": 2}"));
    }

    @Test
    void read_otherJson_unrecognisedNamingKeys() throws IOException {
        RejectedFileException e = assertRejected(Rejection.UNRECOGNISED_FORMAT,
                write("package.json", "{\"name\": \"x\", \"version\": \"1.0.0\"}"));
        assertTrue(e.detail().startsWith("a JSON object with keys ['name', 'version'] is none of"), e.detail());
    }

    @Test
    void read_emptyObject_unrecognised() throws IOException {
        assertRejected(Rejection.UNRECOGNISED_FORMAT, write("o.json", "{}"));
    }

    @Test
    void read_scalar_unrecognised() throws IOException {
        assertRejected(Rejection.UNRECOGNISED_FORMAT, write("s.json", "42"));
    }

    @Test
    void read_malformedAfterUnrecognisedStart_stillMalformed() throws IOException {
        // A truncated array is broken JSON first and foremost.
        assertRejected(Rejection.MALFORMED_JSON, write("ta.json", "[1, 2"));
    }

    @Test
    void read_directoriesNotArray_unrecognised() throws IOException {
        assertRejected(Rejection.UNRECOGNISED_FORMAT, write("d.json", "{\"directories\": 3, \"state\": \"stopped\"}"));
    }

    @Test
    void read_historyFileCutAtEveryOffset_alwaysRejected() throws Exception {
        // Every proper prefix of the file, as a crash during the old tool's truncate-then-write leaves it.
        byte[] whole = Files.readAllBytes(Samples.file(Samples.HISTORY));
        for (int len = 0; len < whole.length; len++) {
            int cut = len;
            RejectedFileException e = assertThrows(RejectedFileException.class,
                    () -> reader.read(new ByteArrayInputStream(whole, 0, cut), "cut"),
                    () -> "cut at byte " + cut + " was accepted");
            assertTrue(e.rejection() == (cut == 0 ? Rejection.EMPTY_FILE : Rejection.MALFORMED_JSON),
                    "cut at " + cut + ": " + e.getMessage());
        }
    }

    @Test
    void read_numbersBeyondBigDecimal_fieldUnknownRunKept() throws Exception {
        // Valid JSON that BigDecimal cannot hold; Python would have read inf / -inf / 0.0.
        LegacyFile f = read(write("x.json", "{\"history\": [{\"date\": \"2025-03-01 10:00:00\","
                + " \"size\": 1e9999999999, \"errors\": -1E+9999999999, \"duration\": 1e-9999999999}]}"));

        MappedRun run = f.runs().get(0);
        assertNull(run.bytes());
        assertNull(run.errorCount());
        assertEquals(0.0, run.durationSeconds());
        assertEquals(2, f.warnings().size(), f.warnings().toString());
        assertTrue(run.rawJson().contains("\"size\":Infinity"), run.rawJson());
    }

    @Test
    void read_nonFiniteNumbers_fieldUnknownRunKept() throws Exception {
        LegacyFile f = read(write("x.json", "{\"history\": [{\"date\": \"2025-03-01 10:00:00\","
                + " \"duration\": NaN, \"size\": Infinity}]}"));

        assertNull(f.runs().get(0).durationSeconds());
        assertNull(f.runs().get(0).bytes());
        assertEquals(2, f.warnings().size(), f.warnings().toString());
    }

    @Test
    void read_parserLimits_malformedNotACrash() throws IOException {
        // Jackson's stream limits (number length, nesting depth) guard memory; hitting one rejects the file.
        assertRejected(Rejection.MALFORMED_JSON, write("long.json",
                "{\"history\": [{\"date\": \"2025-03-01 10:00:00\", \"size\": " + "9".repeat(5000) + "}]}"));
        assertRejected(Rejection.MALFORMED_JSON, write("deep.json",
                "{\"history\": [{\"date\": \"2025-03-01 10:00:00\", \"x\": " + "[".repeat(5000)
                        + "]".repeat(5000) + "}]}"));
    }

    // --- accepted files and their contents ---

    @Test
    void read_profilesFile_listsProfiles() throws Exception {
        LegacyFile f = read(write("profiles.json", "{\"profiles\": {\"dev\": {\"name\": \"Development\","
                + " \"description\": \"code\", \"directories\": [\"src\", \"go\"]}, \"all\": {\"name\": \"All\","
                + " \"directories\": []}}}"));

        assertEquals(FileKind.PROFILES, f.kind());
        assertEquals(List.of(new LegacyProfile("dev", "Development", "code", List.of("src", "go"), f.file()),
                new LegacyProfile("all", "All", null, List.of(), f.file())), f.profiles());
        assertEquals(List.of(), f.runs());
    }

    @Test
    void read_rustSession_recognisedWithoutRuns() throws Exception {
        LegacyFile f = read(write("session.json", "{\"id\": \"7c1e\", \"directories\": [{\"name\": \"a\"}],"
                + " \"current_index\": 0, \"total_size\": 4096, \"completed_size\": 0, \"start_time\": 1751069649,"
                + " \"state\": \"running\", \"errors\": []}"));

        assertEquals(FileKind.RUST_SESSION, f.kind());
        assertEquals(List.of(), f.runs());
        UnfinishedSession u = f.unfinished().orElseThrow();
        assertEquals(Instant.parse("2025-06-28T00:14:09Z"), u.startedAt()); // seconds, below 1e11
        assertEquals("7c1e", u.sessionId());
    }

    @Test
    void read_m0Status_noHistoryNoRuns() throws Exception {
        LegacyFile f = read(write("m0.json", "{\"directories\": [{\"name\": \"a\", \"path\": \"/home/a/a\"}],"
                + " \"currentIndex\": 0, \"totalSize\": 1, \"completedSize\": 0, \"startTime\": null, \"errors\": [],"
                + " \"state\": \"stopped\", \"currentDir\": null}"));

        assertEquals("M0", f.variant());
        assertEquals(0, f.entries());
        assertTrue(f.unfinished().isEmpty());
    }

    @Test
    void read_modularInflatedStartTime_readAsMilliseconds() throws Exception {
        // MOD multiplied its epoch-ms start time by 1000 on every load+save: 1.7e21 is beyond int64.
        LegacyFile f = read(write("mod.json", "{\"session_id\": \"session_1\", \"directories\": [],"
                + " \"currentIndex\": 0, \"startTime\": 1751069649151000000000, \"state\": \"paused\", \"history\": []}"));

        assertEquals(Instant.parse("2025-06-28T00:14:09.151Z"), f.unfinished().orElseThrow().startedAt());
    }

    @Test
    void read_loneSurrogateInFolderName_warnsAndKeepsGoing() throws Exception {
        LegacyFile f = read(write("ls.json", "{\"directories\": [{\"name\": \"caf\\udce9\", \"path\": \"/home/a/caf\\udce9\"}],"
                + " \"currentIndex\": 0, \"state\": \"running\", \"currentDir\": {\"name\": \"caf\\udce9\", \"progress\": 5},"
                + " \"startTime\": 1751069649151, \"logs\": [], \"history\": []}"));

        assertEquals(2, f.warnings().size());
        assertTrue(f.warnings().get(0).message().startsWith("directories[0].name 'caf\ufffd' holds an undecodable byte"),
                f.warnings().get(0).message());
        assertEquals("caf\ufffd", f.unfinished().orElseThrow().currentFolder());
    }

    @Test
    void read_loneSurrogateInEntry_keptEscapedInRawAndWarned() throws Exception {
        LegacyFile f = read(write("h.json", "{\"history\": [{\"date\": \"2025-03-01 10:00:00\", \"profile\": \"x\\udc80y\"}]}"));

        MappedRun run = f.runs().get(0);
        assertEquals("x\ufffdy", run.profile());
        assertTrue(run.rawJson().contains("\"x\\udc80y\""), run.rawJson());
        assertEquals(1, f.warnings().size());
        assertEquals(0, f.warnings().get(0).index());
    }

    @Test
    void read_badEntries_skippedWithIndexAndReasonRestImported() throws Exception {
        LegacyFile f = read(write("h.json", "{\"history\": [" + String.join(",",
                "{\"date\": \"2025-03-01 10:00:00\"}",
                "{\"profile\": \"full\"}",
                "{\"date\": 1740000000}",
                "{\"date\": \"2025-02-30 10:00:00\"}",
                "{\"date\": \"01/03/2025 10:00\"}",
                "\"2025-03-01 10:00:00\"",
                "null",
                "{\"date\": \"2025-03-01T11:00:00\"}") + "]}"));

        assertEquals(8, f.entries());
        assertEquals(List.of(0, 7), f.runs().stream().map(MappedRun::index).toList());
        assertEquals(List.of(
                new Notice(f.file(), 1, "no date"),
                new Notice(f.file(), 2, "date is a number (1740000000), not a string"),
                new Notice(f.file(), 3, "date '2025-02-30 10:00:00' is not a real calendar time"),
                new Notice(f.file(), 4, "date '01/03/2025 10:00' is not in the form YYYY-MM-DD HH:MM:SS"),
                new Notice(f.file(), 5, "entry is a string, not an object"),
                new Notice(f.file(), 6, "entry is null, not an object")), f.skipped());
    }

    @Test
    void read_hugeHistory_twentyThousandEntries() throws Exception {
        Path f = tmp.resolve("huge.json");
        HistoryWriter.write(f, 20_000);
        long start = System.nanoTime();

        LegacyFile file = read(f);

        assertEquals(20_000, file.runs().size());
        assertEquals(20_000, fingerprints(file).size());
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(seconds < 30, "took " + seconds + " s");
    }

    @Test
    void read_repeatedHistoryKey_lastWinsAsInPython() throws Exception {
        LegacyFile f = read(write("r.json", "{\"history\": [{\"date\": \"2025-03-01 10:00:00\"}],"
                + " \"history\": [{\"date\": \"2025-03-02 10:00:00\"}, {\"date\": \"2025-03-03 10:00:00\"}]}"));

        assertEquals(List.of("2025-03-02 10:00:00", "2025-03-03 10:00:00"),
                f.runs().stream().map(MappedRun::localDate).toList());
    }

    private LegacyFile read(Path f) throws Exception {
        return reader.read(f, f.toString());
    }

    private RejectedFileException assertRejected(Rejection kind, Path f) {
        RejectedFileException e = assertThrows(RejectedFileException.class, () -> reader.read(f, f.toString()));
        assertEquals(kind, e.rejection(), e.getMessage());
        assertEquals(f.toString(), e.file());
        assertFalse(e.detail().isBlank());
        return e;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static Set<String> fingerprints(LegacyFile f) {
        Set<String> s = new HashSet<>();
        f.runs().forEach(r -> s.add(r.fingerprint()));
        return s;
    }
}
