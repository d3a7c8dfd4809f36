package io.chronosguard.engine.repo;

import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.index.IndexFile;
import io.chronosguard.engine.index.PackedBlob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the entries of packs that are already stored and writes them out as index
 * files: every few packs, so an interrupted backup loses little, and on {@link #flush}.
 * A pack is only ever named by an index after its upload finished.
 */
public final class IndexSaver {
    /** Write an index file once this many stored packs are not yet indexed. */
    static final int PACKS_PER_INDEX = 8;

    private final Repository repo;
    private final Map<Id, List<PackedBlob>> pending = new LinkedHashMap<>();
    private final List<Id> written = new ArrayList<>();

    public IndexSaver(Repository repo) {
        this.repo = repo;
    }

    /** Records a stored pack; writes an index file when enough are pending. */
    public void packStored(Id pack, List<PackedBlob> blobs) {
        List<PackedBlob> toWrite = null;
        synchronized (this) {
            pending.put(pack, blobs);
            if (pending.size() >= PACKS_PER_INDEX) {
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
