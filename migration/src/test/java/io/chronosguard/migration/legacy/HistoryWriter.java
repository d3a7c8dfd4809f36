package io.chronosguard.migration.legacy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Writes a large, valid history file shaped exactly as the old tool's json.dump wrote it. */
public final class HistoryWriter {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String[] PROFILES = {"null", "\"full\"", "\"development\"", "\"documents\"", "\"minimal\""};

    private HistoryWriter() {
    }

    /** {@code n} distinct entries, newest first, one every 6 hours back from mid-2025. */
    public static void write(Path file, int n) throws IOException {
        LocalDateTime newest = LocalDateTime.of(2025, 6, 24, 19, 55, 13);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write("{\n  \"history\": [");
            for (int i = 0; i < n; i++) {
                w.write(i == 0 ? "\n" : ",\n");
                w.write("    {\n");
                w.write("      \"date\": \"" + DATE.format(newest.minusHours(6L * i)) + "\",\n");
                w.write("      \"profile\": " + PROFILES[i % PROFILES.length] + ",\n");
                w.write("      \"status\": \"Completed\",\n");
                w.write("      \"duration\": " + (3000 + i * 0.731) + ",\n");
                w.write("      \"size\": " + (60_000_000_000L + i * 4_096L) + ",\n");
                w.write("      \"fileCount\": 0,\n");
                w.write("      \"directoriesCompleted\": " + (20 + i % 8) + ",\n");
                w.write("      \"totalDirectories\": 27,\n");
                w.write("      \"errors\": " + (i % 11) + ",\n");
                w.write("      \"dryRun\": " + (i % 97 == 0) + "\n");
                w.write("    }");
            }
            w.write("\n  ]\n}");
        }
    }
}
