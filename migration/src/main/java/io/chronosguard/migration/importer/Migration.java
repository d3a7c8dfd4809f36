package io.chronosguard.migration.importer;

import io.chronosguard.migration.legacy.LegacyFile;
import io.chronosguard.migration.legacy.LegacyFileReader;
import io.chronosguard.migration.legacy.MappedRun;
import io.chronosguard.migration.legacy.RejectedFileException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The import of legacy files: read and validate every file first ({@link #read}), then write
 * all distinct runs in one transaction ({@link #commit}) — a rejected file anywhere in the
 * sources means nothing is written (§9.3). {@link #verify} re-reads and compares.
 */
public final class Migration {
    private static final Comparator<MappedRun> OLDEST_FIRST =
            Comparator.comparing(MappedRun::startedAt).thenComparing(MappedRun::fingerprint);

    private final ZoneId zone;
    private final LegacyFileReader reader;

    public Migration(ZoneId legacyZone) {
        this.zone = legacyZone;
        this.reader = new LegacyFileReader(legacyZone);
    }

    /**
     * Reads every source file; nothing is written.
     *
     * @throws IOException              naming the file that could not be read at all
     * @throws IllegalArgumentException when {@code from} does not exist or is a folder without JSON files
     */
    public Plan read(Path from) throws IOException {
        Sources sources = Sources.of(from);
        List<LegacyFile> accepted = new ArrayList<>();
        List<RejectedFileException> rejected = new ArrayList<>();
        Map<String, MappedRun> distinct = new LinkedHashMap<>();
        int sightings = 0;
        for (Path file : sources.files()) {
            try {
                LegacyFile f = reader.read(file, file.toString());
                accepted.add(f);
                for (MappedRun run : f.runs()) {
                    sightings++;
                    distinct.putIfAbsent(run.fingerprint(), run);
                }
            } catch (RejectedFileException e) {
                rejected.add(e);
            } catch (AccessDeniedException e) {
                throw new IOException("cannot read " + file + ": permission denied", e);
            } catch (IOException e) {
                throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        List<MappedRun> runs = new ArrayList<>(distinct.values());
        runs.sort(OLDEST_FIRST);
        return new Plan(from, zone, accepted, rejected, sources.ignored(), runs, sightings);
    }

    /**
     * Writes the plan's runs in one transaction.
     *
     * @throws IllegalStateException when the plan has rejected files (callers check {@link Plan#importable})
     */
    public static RunStore.Stored commit(Plan plan, RunStore store) {
        if (!plan.importable()) {
            throw new IllegalStateException("a plan with rejected files must not be committed");
        }
        if (plan.runs().isEmpty()) {
            return new RunStore.Stored(0, 0);
        }
        return store.store(plan.runs());
    }

    /** The plan's runs the store does not hold yet (for --dry-run and --verify). */
    public static List<MappedRun> missing(Plan plan, RunStore store) {
        Set<String> known = store.fingerprints();
        return plan.runs().stream().filter(r -> !known.contains(r.fingerprint())).toList();
    }
}
