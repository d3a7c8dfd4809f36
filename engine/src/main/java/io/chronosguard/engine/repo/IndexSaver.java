package io.chronosguard.engine.repo;

import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.index.IndexFile;
import io.chronosguard.engine.index.PackedBlob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the entries of packs that are already stored and writes them out as index
 * files: every few packs, or as soon as a pack has waited {@link #MAX_AGE} unindexed, and on
 * {@link #flush}. A process killed mid-backup thus leaves at most the last seconds' packs
 * unindexed (restic check lists them as harmless "additional files"); everything indexed is
 * reused by the next backup. A pack is only ever named by an index after its upload finished.
 */
public final class IndexSaver {
    /** Write an index file once this many stored packs are not yet indexed. */
    static final int PACKS_PER_INDEX = 8;
    /** ... or once the oldest unindexed pack was stored this long ago. */
    static final Duration MAX_AGE = Duration.ofSeconds(1);

    private final Repository repo;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<Id, List<PackedBlob>> pending = new LinkedHashMap<>();
    private final List<Id> written = new ArrayList<>();
    private Instant oldestPending;

    public IndexSaver(Repository repo) {
        this(repo, Clock.systemUTC(), MAX_AGE);
    }

    IndexSaver(Repository repo, Clock clock, Duration maxAge) {
        this.repo = repo;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** Records a stored pack; writes an index file when enough are pending or waited long. */
    public void packStored(Id pack, List<PackedBlob> blobs) {
        List<PackedBlob> toWrite = null;
        synchronized (this) {
            Instant now = clock.instant();
            if (pending.isEmpty()) {
                oldestPending = now;
            }
            pending.put(pack, blobs);
            if (pending.size() >= PACKS_PER_INDEX || !now.isBefore(oldestPending.plus(maxAge))) {
                toWrite = drain();
            }
        }
        if (toWrite != null) {
            write(toWrite);
        }
    }

    /** Writes whatever is pending. */
    public void flush() {
        List<PackedBlob> toWrite;
        synchronized (this) {
            toWrite = drain();
        }
        if (!toWrite.isEmpty()) {
            write(toWrite);
        }
    }

    private List<PackedBlob> drain() {
        List<PackedBlob> all = new ArrayList<>();
        pending.values().forEach(all::addAll);
        pending.clear();
        return all;
    }

    private void write(List<PackedBlob> blobs) {
        Id id = repo.saveUnpacked(FileType.INDEX, IndexFile.encode(blobs));
        synchronized (this) {
            written.add(id);
        }
    }

    public synchronized List<Id> written() {
        return List.copyOf(written);
    }
}
