package io.chronosguard.engine.stats;

import io.chronosguard.engine.CorruptDataException;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.BlobLoader;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accumulates statistics over snapshots, one {@link #add} per snapshot root tree, with the
 * counting rules of restic 0.14's {@code stats} (so the numbers agree with it):
 * <ul>
 * <li>restore-size: every entry counts as a file; sizes add up, except that an inode seen
 *     before in the same snapshot (a hard link) adds nothing. restic keys that by inode
 *     alone; we key it by device and inode, which differs only when a snapshot spans file
 *     systems whose inode numbers collide.</li>
 * <li>files-by-contents: entries unique by their blob id list; all entries without content
 *     (directories, symlinks, empty files) share the empty list and count once.</li>
 * <li>blobs-per-file: for each content-unique entry, its blobs unique per path.</li>
 * <li>raw-data: each data and tree blob once, at its stored (compressed, encrypted) size;
 *     plus the uncompressed size and the restore size, for the ratios.</li>
 * </ul>
 * Subtrees already counted are skipped where the mode allows it (all but restore-size and
 * the restore size of raw-data). Not thread-safe.
 */
public final class StatsCollector {
    /** Restic's per-blob overhead: 16-byte IV and 16-byte MAC. */
    private static final int SEAL_OVERHEAD = 32;

    private final BlobLoader blobs;
    private final StatsMode mode;

    private int snapshots;
    private long fileCount;
    private long size;
    private long blobCount;
    private final Set<Id> seenTrees = new HashSet<>();
    private final Set<List<Id>> uniqueContents = new HashSet<>();
    private final Map<String, Set<Id>> blobsByPath = new HashMap<>();
    private final Set<Id> dataBlobs = new HashSet<>();
    private final Set<Id> treeBlobs = new HashSet<>();

    public StatsCollector(BlobLoader blobs, StatsMode mode) {
        this.blobs = blobs;
        this.mode = mode;
    }

    /** Counts the snapshot whose root tree is {@code root}. */
    public void add(Id root) {
        snapshots++;
        switch (mode) {
            case RESTORE_SIZE, RAW_DATA -> {
                treeBlobs.add(root);
                walkAll(root, new HashSet<>());
            }
            case FILES_BY_CONTENTS, BLOBS_PER_FILE -> walkUnique(root, "");
        }
    }

    /** Restore accounting over every entry, collecting blob ids on the way for raw-data. */
    private void walkAll(Id tree, Set<Inode> inodes) {
        for (Node n : blobs.loadTree(tree).nodes()) {
            fileCount++;
            if (n.inode() == 0 || inodes.add(new Inode(n.deviceId(), n.inode()))) {
                size += n.size();
            }
            if (mode == StatsMode.RAW_DATA && n.type() == NodeType.FILE && n.content() != null) {
                dataBlobs.addAll(n.content());
            }
            if (n.type() == NodeType.DIR && n.subtree() != null) {
                treeBlobs.add(n.subtree());
                walkAll(n.subtree(), inodes);
            }
        }
    }

    /** Content-unique accounting; a subtree met before holds nothing new, so it is skipped. */
    private void walkUnique(Id tree, String prefix) {
        for (Node n : blobs.loadTree(tree).nodes()) {
            boolean dir = n.type() == NodeType.DIR && n.subtree() != null;
            if (dir && seenTrees.contains(n.subtree())) {
                continue;
            }
            String path = prefix + "/" + n.nameString();
            List<Id> content = n.content() == null ? List.of() : n.content();
            if (uniqueContents.add(content)) {
                if (mode == StatsMode.FILES_BY_CONTENTS) {
                    size += n.size();
                    fileCount++;
                } else {
                    countBlobsOf(path, content);
                }
            }
            if (dir) {
                seenTrees.add(n.subtree());
                walkUnique(n.subtree(), path);
            }
        }
    }

    /** One file-system object: hard links share it. */
    private record Inode(long device, long inode) {
    }

    private void countBlobsOf(String path, List<Id> content) {
        for (Id id : content) {
            Set<Id> seen = blobsByPath.computeIfAbsent(path, p -> {
                fileCount++;
                return new HashSet<>();
            });
            if (seen.add(id)) {
                size += lookup(id, BlobType.DATA).plaintextLength();
                blobCount++;
            }
        }
    }

    private PackedBlob lookup(Id id, BlobType type) {
        return blobs.lookup(id, type).orElseThrow(() -> new CorruptDataException(
                type.json() + " blob " + id.hex() + " is referenced by a snapshot but is not in any index"));
    }

    /** The totals so far. */
    public RepoStats result() {
        if (mode != StatsMode.RAW_DATA) {
            return new RepoStats(mode, snapshots, size, fileCount, blobCount, 0, 0, 0, 0);
        }
        long stored = 0;
        long uncompressed = 0;
        long compressed = 0;
        long compressedUncompressed = 0;
        for (BlobType type : BlobType.values()) {
            for (Id id : type == BlobType.DATA ? dataBlobs : treeBlobs) {
                PackedBlob b = lookup(id, type);
                stored += b.length();
                long full = b.compressed() ? b.uncompressedLength() + SEAL_OVERHEAD : b.length();
                uncompressed += full;
                if (b.compressed()) {
                    compressed += b.length();
                    compressedUncompressed += full;
                }
            }
        }
        return new RepoStats(mode, snapshots, stored, 0, dataBlobs.size() + (long) treeBlobs.size(),
                uncompressed, compressed, compressedUncompressed, size);
    }
}
