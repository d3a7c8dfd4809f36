package io.chronosguard.engine.archiver;

import io.chronosguard.engine.EngineException;
import io.chronosguard.engine.fs.RawNames;
import io.chronosguard.engine.fs.Xattrs;
import io.chronosguard.engine.NotFoundException;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.format.ExtendedAttribute;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Runs one {@link DirectoryTask} on the calling thread: lists the directory, saves each
 * non-directory entry through the {@link Archiver}'s per-entry logic, and names the
 * subdirectories for the caller to schedule. It does not flush: the blobs the result
 * references ({@link DirectoryListing#dataBlobs()}) may still sit in an open pack of the
 * blob saver, which a cluster node shares among all its tasks so that packs fill up. The
 * caller must not hand the result on before {@link BlobSaver#state} says every one of them
 * is indexed ({@link HeldResults}).
 */
public final class DirectoryScanner {
    private final Repository repo;
    private final BlobSaver saver;
    private final BackupOptions opts;
    private final int splitThreshold;
    private final ArchiverListener listener;
    private final Executor blobWorkers;
    private final int maxInFlight;

    /** A directory with more than {@code splitThreshold} entries is split into slices. */
    public DirectoryScanner(Repository repo, BlobSaver saver, BackupOptions opts, int splitThreshold) {
        this(repo, saver, opts, splitThreshold, ArchiverListener.NONE, null, 0);
    }

    /**
     * As above, telling {@code listener} what it does (files started, chunks read, blobs saved):
     * a listener may also stop the task by throwing from {@link ArchiverListener#bytesRead}, which
     * is called after every chunk, or hold it there (pause). With {@code blobWorkers}, the chunks
     * of a large file are hashed, compressed, sealed and packed there while the task's thread
     * reads on ({@link FileSaver}), at most {@code maxInFlight} at once per task.
     */
    public DirectoryScanner(Repository repo, BlobSaver saver, BackupOptions opts, int splitThreshold,
            ArchiverListener listener, Executor blobWorkers, int maxInFlight) {
        if (splitThreshold < 2) {
            throw new IllegalArgumentException("split threshold must be at least 2, got " + splitThreshold);
        }
        this.repo = repo;
        this.saver = saver;
        this.opts = opts;
        this.splitThreshold = splitThreshold;
        this.listener = listener;
        this.blobWorkers = blobWorkers;
        this.maxInFlight = maxInFlight;
    }

    public DirectoryListing run(DirectoryTask task) throws IOException {
        BackupStats stats = new BackupStats(listener);
        Archiver archiver = new Archiver(repo, saver, Runnable::run, blobWorkers, maxInFlight, stats, opts);
        Optional<Node> self = Optional.empty();
        List<Node> ancestors = List.of();
        Path dir = task.dir();
        if (task.target()) {
            FileInfo fi;
            try {
                fi = FileInfo.of(dir);
            } catch (NoSuchFileException e) {
                throw new NotFoundException("backup target " + dir + " does not exist");
            }
            ancestors = ancestors(dir);
            if (fi.type() != NodeType.DIR) {
                Node leaf = archiver.leafOrNull(dir, fi, null);
                return result(List.of(), List.of(), List.of(), Optional.ofNullable(leaf), ancestors, stats);
            }
            self = Optional.of(dirNode(dir, fi, stats));
        }
        List<Path> entries = list(dir, task, stats);
        if (task.whole() && entries.size() > splitThreshold) {
            return result(List.of(), List.of(), splitPoints(entries), self, ancestors, stats);
        }
        Map<String, Node> parent = parentNodes(task.parentTree(), stats, dir);
        List<Node> leaves = new ArrayList<>();
        List<DirectoryListing.Subdir> subdirs = new ArrayList<>();
        Map<Path, FileInfo> infos = new java.util.LinkedHashMap<>();
        long files = 0;
        long bytes = 0;
        for (Path p : entries) {
            try {
                FileInfo fi = FileInfo.of(p);
                infos.put(p, fi);
                if (fi.type() != NodeType.DIR) {
                    files++;
                    bytes += fi.type() == NodeType.FILE ? fi.size() : 0;
                }
            } catch (NoSuchFileException e) {
                stats.error(p.toString(), "vanished before it could be read");
            } catch (IOException e) {
                stats.error(p.toString(), "cannot stat: " + e.getMessage());
            }
        }
        stats.discovered(files, bytes);
        for (Map.Entry<Path, FileInfo> e : infos.entrySet()) {
            Path p = e.getKey();
            FileInfo fi = e.getValue();
            Node prev = parent.get(key(RawNames.fileName(p)));
            if (fi.type() == NodeType.DIR) {
                Optional<Id> sub = prev != null && prev.type() == NodeType.DIR ? Optional.ofNullable(prev.subtree())
                        : Optional.empty();
                subdirs.add(new DirectoryListing.Subdir(dirNode(p, fi, stats), sub));
            } else {
                Node n = archiver.leafOrNull(p, fi, prev);
                if (n != null) {
                    leaves.add(n);
                }
            }
        }
        return result(leaves, subdirs, List.of(), self, ancestors, stats);
    }

    private DirectoryListing result(List<Node> leaves, List<DirectoryListing.Subdir> subdirs, List<String> splits,
            Optional<Node> self, List<Node> ancestors, BackupStats s) {
        return new DirectoryListing(leaves, subdirs, splits, self, ancestors, s.filesNew.get(), s.filesChanged.get(),
                s.filesUnmodified.get(), s.bytesProcessed.get(), s.dataAdded.get(), s.errors());
    }

    /** The entries of {@code dir} in the task's slice, sorted by name; listing problems are per-path errors. */
    private List<Path> list(Path dir, DirectoryTask task, BackupStats stats) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (task.covers(p.getFileName().toString()) && !opts.excluder().excludedByPattern(p)) {
                    entries.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            stats.error(dir.toString(), "directory vanished during the backup");
        } catch (IOException e) {
            stats.error(dir.toString(), "cannot list: " + e.getMessage());
        }
        entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return entries;
    }

    /** Names that cut the sorted entries into slices of at most {@code splitThreshold}. */
    private List<String> splitPoints(List<Path> sorted) {
        List<String> points = new ArrayList<>();
        for (int i = splitThreshold; i < sorted.size(); i += splitThreshold) {
            points.add(sorted.get(i).getFileName().toString());
        }
        return points;
    }

    private Map<String, Node> parentNodes(Optional<Id> tree, BackupStats stats, Path dir) {
        Map<String, Node> m = new HashMap<>();
        if (tree.isPresent()) {
            try {
                for (Node n : repo.loadTree(tree.get()).nodes()) {
                    m.put(key(n.nameBytes()), n);
                }
            } catch (EngineException e) {
                stats.warning(dir.toString(), "parent snapshot's tree unreadable, reading all files: " + e.getMessage());
            }
        }
        return m;
    }

    /** Raw names as map keys (a name need not be UTF-8), as the archiver keys them. */
    private static String key(byte[] rawName) {
        return new String(rawName, StandardCharsets.ISO_8859_1);
    }

    /** A directory's node without subtree; an unreadable xattr is a warning, as in the archiver. */
    private Node dirNode(Path p, FileInfo fi, BackupStats stats) {
        Node.Builder b = fi.toNode(RawNames.fileName(p));
        if (opts.xattrs()) {
            try {
                List<ExtendedAttribute> attrs = Xattrs.read(p);
                if (!attrs.isEmpty()) {
                    b.extendedAttributes(attrs);
                }
            } catch (IOException e) {
                stats.warning(p.toString(), e.getMessage());
            }
        }
        return b.build();
    }

    /** Nodes of {@code /a}, {@code /a/b}, ... down to the parent of {@code target}. */
    private static List<Node> ancestors(Path target) throws IOException {
        List<Node> out = new ArrayList<>();
        Path cur = target.getRoot();
        for (int i = 0; i < target.getNameCount() - 1; i++) {
            cur = cur.resolve(target.getName(i));
            out.add(FileInfo.of(cur).toNode(RawNames.fileName(cur)).build());
        }
        return out;
    }
}
