package io.chronosguard.migration.legacy;

import java.util.List;
import java.util.Optional;

/**
 * An accepted legacy file: what it is and everything importable in it.
 *
 * @param file       the file
 * @param kind       what its content says it is
 * @param variant    for status files the writer (M0, M2, M3, MOD — see the format notes §1); else null
 * @param simulated  written by the modular rewrite, whose own backups were simulated
 * @param entries    history entries seen (runs + skipped)
 * @param runs       the entries that map onto runs, in file order (repeats included)
 * @param skipped    entries not imported, with index and reason
 * @param warnings   everything else worth telling
 * @param unfinished a session the file says was under way
 * @param profiles   profiles the file defines
 * @param folders    number of folders of a status file, or null
 */
public record LegacyFile(
        String file,
        FileKind kind,
        String variant,
        boolean simulated,
        int entries,
        List<MappedRun> runs,
        List<Notice> skipped,
        List<Notice> warnings,
        Optional<UnfinishedSession> unfinished,
        List<LegacyProfile> profiles,
        Integer folders) {

    public LegacyFile {
        runs = List.copyOf(runs);
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
        profiles = List.copyOf(profiles);
    }
}
