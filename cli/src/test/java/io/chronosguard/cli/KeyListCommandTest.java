package io.chronosguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class KeyListCommandTest {
    @Test
    void table_twoKeys_matchesResticsLayoutByteForByte() {
        // As printed by restic 0.14 `key list` for a repository with two keys.
        List<String> expected = List.of(
                " ID        User  Host  Created",
                "------------------------------------------",
                "*6da23043  root  vm    2026-11-21 22:29:07",
                " ea2040ce  root  vm    2026-11-21 22:29:11",
                "------------------------------------------");
        List<KeyListCommand.Row> rows = List.of(
                new KeyListCommand.Row(true, "6da23043", "root", "vm", "2026-11-21 22:29:07"),
                new KeyListCommand.Row(false, "ea2040ce", "root", "vm", "2026-11-21 22:29:11"));
        assertEquals(expected, KeyListCommand.table(rows));
    }

    @Test
    void table_longNames_widenTheirColumns() {
        List<String> lines = KeyListCommand.table(List.of(
                new KeyListCommand.Row(false, "0123abcd", "administrator", "backup-server-01", "2024-01-02 03:04:05")));
        assertEquals(" ID        User           Host              Created", lines.get(0));
        assertEquals(" 0123abcd  administrator  backup-server-01  2024-01-02 03:04:05", lines.get(2));
        assertEquals(lines.get(2).length(), lines.get(1).length());
    }

    @Test
    void localTime_convertsToTheLocalZoneToTheSecond() {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
            assertEquals("2026-11-21 23:29:07", KeyListCommand.localTime("2026-11-21T22:29:07.279776965Z"));
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void localTime_unreadable_isShownAsStored() {
        assertEquals("yesterday", KeyListCommand.localTime("yesterday"));
        assertEquals("", KeyListCommand.localTime(null));
    }
}
