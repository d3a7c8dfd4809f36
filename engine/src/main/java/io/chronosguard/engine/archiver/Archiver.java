package io.chronosguard.engine.archiver;

import io.chronosguard.engine.EngineException;
import io.chronosguard.engine.fs.RawNames;
import io.chronosguard.engine.fs.Xattrs;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.format.ExtendedAttribute;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import io.chronosguard.engine.repo.format.Tree;
import io.chronosguard.engine.repo.format.TreeCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Backs up directory trees with directory tasks: a task lists one directory and turns each
 * entry into a node, a file task (read, chunk, store) or a subdirectory task. A directory's
 * tree blob is stored once every child is done (bottom-up), and its node then goes to its
 * parent. Nothing blocks a pool thread; the caller gets a future of the target's node.
 */
public final class Archiver {
    private final Repository repo;
    private final BlobSaver saver;
    private final FileSaver files;
    private final Executor pool;
    private final ArchiverListener listener;
    private final BackupOptions opts;

    public Archiver(Repository repo, BlobSaver saver, Executor pool, ArchiverListener listener, BackupOptions opts) {
        this(repo, saver, pool, null, 0, listener, opts);
    }

    /**
     * With {@code blobWorkers}, the chunks of a large file are saved there while its reader
     * goes on reading (see {@link FileSaver}); {@code maxInFlight} chunks at most at once.
     */
    public Archiver(Repository repo, BlobSaver saver, Executor pool, Executor blobWorkers, int maxInFlight,
            ArchiverListener listener, BackupOptions opts) {
        this.repo = repo;
        this.saver = saver;
        this.files = new FileSaver(saver, io.chronosguard.engine.chunker.Polynomial.parse(repo.config().chunkerPolynomial()),
                blobWorkers, maxInFlight);
        this.pool = pool;
        this.listener = listener;
        this.opts = opts;
    }

    Repository repo() {
        return repo;
    }

    /** A directory being backed up: its nodes so far and how many children are outstanding. */
    private final class Dir {
        final Path path;
        final String display;
        final FileInfo info;
        final Optional<Id> parentTree;
        final long rootDev;
        final ConcurrentLinkedQueue<Node> nodes = new ConcurrentLinkedQueue<>();
        final AtomicInteger pending = new AtomicInteger(1);
        final CompletableFuture<Node> done = new CompletableFuture<>();

        Dir(Path path, FileInfo info, Optional<Id> parentTree, long rootDev) {
            this.path = path;
            this.display = path.toString();
            this.info = info;
            this.parentTree = parentTree;
            this.rootDev = rootDev;
        }

        void childDone(Node n) {
            if (n != null) {
                nodes.add(n);
            }
            if (pending.decrementAndGet() == 0) {
                pool.execute(() -> guard(this, () -> finish(this)));
            }
        }
    }

    /** Backs up {@code path} (file, dir or link) and completes with its node, or null when skipped. */
    public CompletableFuture<Node> backup(Path path, Optional<Node> parentNode) {
        FileInfo info;
        try {
            info = FileInfo.of(path);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (info.type() == NodeType.DIR) {
            Dir d = new Dir(path, info, parentNode.map(Node::subtree), info.deviceId());
            pool.execute(() -> guard(d, () -> list(d)));
            return d.done;
        }
        CompletableFuture<Node> f = new CompletableFuture<>();
        pool.execute(() -> {
            try {
                f.complete(leafOrNull(path, info, parentNode.orElse(null)));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private interface Step {
        void run() throws IOException;
    }

    /** Runs a step; a job-fatal error fails the directory's future (and so the job). */
    private void guard(Dir d, Step step) {
        try {
            step.run();
        } catch (IOException e) {
            d.done.completeExceptionally(e);
        } catch (RuntimeException e) {
            d.done.completeExceptionally(e);
        }
    }

    private void list(Dir d) throws IOException {
        Map<String, Node> parent = parentNodes(d);
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(d.path)) {
            ds.forEach(entries::add);
        } catch (NoSuchFileException e) {
            skipDir(d, "directory vanished before it could be listed");
            return;
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            skipDir(d, "cannot list: " + e.getMessage());
            return;
        }
        boolean cache = opts.excluder().isTaggedCache(d.path);
        long files = 0;
        long bytes = 0;
        for (Path p : entries) {
            if (opts.excluder().excludedByPattern(p) || cache && !p.getFileName().toString().equals(Excluder.CACHEDIR_TAG)) {
                continue;
            }
            FileInfo fi;
            try {
                fi = FileInfo.of(p);
            } catch (NoSuchFileException e) {
                listener.error(p.toString(), "vanished before it could be read");
                continue;
            } catch (IOException e) {
                listener.error(p.toString(), "cannot stat: " + e.getMessage());
                continue;
            }
            if (fi.type() == NodeType.DIR && opts.excluder().crossesFileSystem(d.rootDev, fi.deviceId())) {
                continue;
            }
            Node prev = parent.get(key(RawNames.fileName(p)));
            d.pending.incrementAndGet();
            if (fi.type() == NodeType.DIR) {
                Optional<Id> sub = prev != null && prev.type() == NodeType.DIR ? Optional.ofNullable(prev.subtree()) : Optional.empty();
                Dir child = new Dir(p, fi, sub, d.rootDev);
                child.done.whenComplete((n, ex) -> {
                    if (ex != null) {
                        d.done.completeExceptionally(ex);
                    } else {
                        d.childDone(n);
                    }
                });
                pool.execute(() -> guard(child, () -> list(child)));
            } else {
                if (fi.type() == NodeType.FILE) {
                    files++;
                    bytes += fi.size();
                }
                pool.execute(() -> guard(d, () -> d.childDone(leafOrNull(p, fi, prev))));
            }
        }
        listener.discovered(files, bytes);
        d.childDone(null);
    }

    /** As restic does, a directory that cannot be listed is left out, not saved empty. */
    private void skipDir(Dir d, String reason) {
        listener.error(d.display, reason);
        d.done.complete(null);
    }

    /** A map key that keeps every byte of a name (names need not be valid UTF-8). */
    private static String key(byte[] rawName) {
        return new String(rawName, StandardCharsets.ISO_8859_1);
    }

    private Map<String, Node> parentNodes(Dir d) {
        Map<String, Node> m = new HashMap<>();
        if (d.parentTree.isPresent()) {
            try {
                for (Node n : repo.loadTree(d.parentTree.get()).nodes()) {
                    m.put(key(n.nameBytes()), n);
                }
            } catch (EngineException e) {
                listener.warning(d.display, "parent snapshot's tree unreadable, reading all files: " + e.getMessage());
            }
        }
        return m;
    }

    /** A non-directory's node, or null when it was skipped with an error (also used by {@link DirectoryScanner}). */
    Node leafOrNull(Path p, FileInfo fi, Node prev) {
        try {
            return leaf(p, fi, prev);
        } catch (NoSuchFileException e) {
            listener.error(p.toString(), "vanished before it could be read");
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted() || e instanceof java.nio.channels.ClosedByInterruptException) {
                // Backup interrupts its workers only once the job has failed (a store gone past
                // the retry window): that is not this file's fault, and a per-file error line
                // would hide the one line that says what went wrong. Nor is the file skipped.
                throw new java.util.concurrent.CancellationException("backup stopped while reading " + p);
            }
            listener.error(p.toString(), "cannot read: " + e.getMessage());
        }
        return null;
    }

    private Node leaf(Path p, FileInfo fi, Node prev) throws IOException {
        Node.Builder b = fi.toNode(RawNames.fileName(p));
        switch (fi.type()) {
            case FILE -> {
                xattrs(b, p);
                long[] size = {fi.size()};
                List<Id> content = content(p, fi, prev, size);
                return b.content(content).size(size[0]).build();
            }
            case SYMLINK -> {
                // no xattrs, as in restic 0.14, whose restore would set a link's attributes
                // on the link's target (setxattr, not lsetxattr)
                return b.linktarget(Files.readSymbolicLink(p).toString()).build();
            }
            case SOCKET -> {
                return null;
            }
            default -> {
                xattrs(b, p);
                return b.build();
            }
        }
    }

    /**
     * Records {@code p}'s extended attributes (all namespaces, as restic); one that cannot be
     * read is a warning, not a reason to skip the file.
     */
    private void xattrs(Node.Builder b, Path p) {
        if (!opts.xattrs()) {
            return;
        }
        try {
            List<ExtendedAttribute> attrs = Xattrs.read(p);
            if (!attrs.isEmpty()) {
                b.extendedAttributes(attrs);
            }
        } catch (IOException e) {
            listener.warning(p.toString(), e.getMessage());
        }
    }

    /**
     * The file's blob ids; {@code size[0]} becomes the number of bytes actually read, so the
     * node's size always matches its content (restic check compares them) even when the file
     * shrank or grew between the listing and the read.
     */
    private List<Id> content(Path p, FileInfo fi, Node prev, long[] size) throws IOException {
        String display = p.toString();
        if (unchanged(fi, prev)) {
            listener.fileDone(display, fi.size(), ArchiverListener.Change.UNMODIFIED);
            return prev.content();
        }
        listener.fileStarted(display, fi.size());
        AtomicLong read = new AtomicLong();
        List<Id> content = files.save(p, display, new ArchiverListener() {
            @Override
            public void bytesRead(String path, long n) {
                read.addAndGet(n);
                listener.bytesRead(path, n);
            }

            @Override
            public void blobSaved(boolean data, boolean added, long plainBytes, long storedBytes) {
                listener.blobSaved(data, added, plainBytes, storedBytes);
            }
        });
        size[0] = read.get();
        String changed = changedWhileRead(p, fi, read.get());
        if (changed != null) {
            listener.warning(display, changed + "; the snapshot holds the " + read.get() + " bytes that were read");
        }
        listener.fileDone(display, fi.size(), prev == null ? ArchiverListener.Change.NEW : ArchiverListener.Change.CHANGED);
        return content;
    }

    /** Why the file differs after reading from what the listing saw, or null. */
    private static String changedWhileRead(Path p, FileInfo before, long read) {
        // size and mtime only, through the typed view: the full FileInfo (a "unix:" attribute
        // map, parsed from its string each call) made this second lstat ~9% of a first backup
        // of 30,000 small files
        BasicFileAttributes after;
        try {
            after = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return "file was removed while it was being read";
        } catch (IOException e) {
            return "cannot stat the file after reading it: " + e.getMessage();
        }
        if (after.size() != before.size() || read != before.size()) {
            return "file changed while it was being read (size " + before.size() + " when listed, " + read
                    + " read, " + after.size() + " now)";
        }
        if (!after.lastModifiedTime().equals(before.mtime())) {
            return "file changed while it was being read (modification time " + before.mtime() + " when listed, "
                    + after.lastModifiedTime() + " now)";
        }
        return null;
    }

    /** restic's rule: same type, size, mtime, ctime and inode, and all content still stored. */
    private boolean unchanged(FileInfo fi, Node prev) {
        if (prev == null || prev.type() != NodeType.FILE || prev.content() == null) {
            return false;
        }
        if (prev.size() != fi.size() || prev.inode() != fi.inode()
                || !prev.mtime().toInstant().equals(fi.mtime().toInstant())
                || !prev.ctime().toInstant().equals(fi.ctime().toInstant())) {
            return false;
        }
        for (Id id : prev.content()) {
            if (!repo.index().has(id, BlobType.DATA)) {
                return false;
            }
        }
        return true;
    }

    private void finish(Dir d) {
        Tree tree = Tree.sorted(d.nodes);
        Id id = saveTree(tree);
        Node.Builder b = d.info.toNode(RawNames.fileName(d.path)).subtree(id);
        xattrs(b, d.path);
        ArchiverListener.Change change = d.parentTree.isEmpty() ? ArchiverListener.Change.NEW
                : d.parentTree.get().equals(id) ? ArchiverListener.Change.UNMODIFIED : ArchiverListener.Change.CHANGED;
        listener.dirDone(d.display, change);
        d.done.complete(b.build());
    }

    /** Stores a tree blob (deduplicated) and returns its id. */
    public Id saveTree(Tree tree) {
        byte[] json = TreeCodec.serialize(tree);
        BlobSaver.Saved s = saver.save(BlobType.TREE, json, json.length);
        listener.blobSaved(false, s.added(), json.length, s.storedBytes());
        return s.id();
    }
}
