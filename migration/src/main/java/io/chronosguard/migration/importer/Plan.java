package io.chronosguard.migration.importer;

import io.chronosguard.migration.legacy.LegacyFile;
import io.chronosguard.migration.legacy.LegacyProfile;
import io.chronosguard.migration.legacy.MappedRun;
import io.chronosguard.migration.legacy.Notice;
import io.chronosguard.migration.legacy.RejectedFileException;
import io.chronosguard.migration.legacy.UnfinishedSession;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Everything read from the sources, before anything is written.
 *
 * @param from      what {@code --from} named
 * @param zone      the legacy zone local times were read in
 * @param accepted  files accepted, in the order read
 * @param rejected  files refused whole; when any, nothing is imported
 * @param ignored   folder entries that are not JSON files
 * @param runs      distinct runs (by fingerprint), oldest first
 * @param sightings entries mapped onto runs across all files, repeats included
 */
public record Plan(
        Path from,
        ZoneId zone,
        List<LegacyFile> accepted,
        List<RejectedFileException> rejected,
        List<String> ignored,
        List<MappedRun> runs,
        int sightings) {

    public Plan {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
        ignored = List.copyOf(ignored);
        runs = List.copyOf(runs);
    }

    /** Sightings of a run already seen (in the same or another file): collapsed, not errors. */
    public int duplicates() {
        return sightings - runs.size();
    }

    public boolean importable() {
        return rejected.isEmpty();
    }

    public List<Notice> skipped() {
        return accepted.stream().flatMap(f -> f.skipped().stream()).toList();
    }

    public List<Notice> warnings() {
        return accepted.stream().flatMap(f -> f.warnings().stream()).toList();
    }

    public List<UnfinishedSession> unfinished() {
        return accepted.stream().map(LegacyFile::unfinished).flatMap(Optional::stream).toList();
    }

    public List<LegacyProfile> profiles() {
        return accepted.stream().flatMap(f -> f.profiles().stream()).toList();
    }
}
