package io.chronosguard.engine.dump;

import io.chronosguard.engine.CorruptDataException;
import io.chronosguard.engine.NotFoundException;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.BlobLoader;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.TreeWalker;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a snapshot's file or directory to a stream: {@link #select} finds what a path names,
 * then {@link #writeFile} streams a file's bytes and {@link #writeArchive} a directory as tar
 * or zip. Blobs are loaded (and verified) one at a time and written straight out, so memory
 * use does not grow with file size. Archive entries carry the full snapshot path without the
 * leading slash, as restic's dump does; unlike restic's, a dumped directory's own entry is
 * included, so its mode and mtime survive too.
 *
 * <p>Errors: an unknown path is a {@link NotFoundException}; asking for the wrong kind of
 * entry an {@link IllegalArgumentException}; a damaged repository a
 * {@link CorruptDataException}; {@link IOException} only ever comes from the caller's stream.
 * Not thread-safe: use one per dump.
 */
public final class Dumper {
    /**
     * Budget for recently written blobs: one maximum-size chunk (8 MiB), enough for files made
     * of one repeated chunk; kept small because a server may run many dumps at once.
     */
    static final long CACHE_BYTES = 8L << 20;

    private final BlobLoader blobs;
    private final BlobCache cache = new BlobCache(CACHE_BYTES);

    public Dumper(BlobLoader blobs) {
        this.blobs = blobs;
    }

    /**
     * What {@code path} names in the snapshot whose root tree is {@code rootTree}.
     *
     * @throws NotFoundException when a component does not exist or is not a directory
     */
    public Selection select(Id rootTree, String path) {
        List<String> parts = TreeWalker.split(path);
        String normalized = "/" + String.join("/", parts);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        StringBuilder seen = new StringBuilder();
        Node node = null;
        Id dir = rootTree;
        for (String part : parts) {
            if (node != null) {
                if (node.type() != NodeType.DIR) {
                    throw new NotFoundException("path " + normalized + " is not in the snapshot: " + seen
                            + " is a " + node.type().json() + ", not a directory");
                }
                dir = subtree(node, seen.toString());
                raw.write('/');
            }
            byte[] name = part.getBytes(StandardCharsets.UTF_8);
            String parent = seen.length() == 0 ? "/" : seen.toString();
            seen.append('/').append(part);
            node = blobs.loadTree(dir).find(name).orElseThrow(() -> new NotFoundException(
                    "path " + normalized + " is not in the snapshot (" + parent + " has no entry \"" + part + "\")"));
            raw.writeBytes(name);
        }
        Id tree = node == null ? rootTree : node.type() == NodeType.DIR ? subtree(node, normalized) : null;
        return new Selection(normalized, raw.toByteArray(), node, tree);
    }

    private static Id subtree(Node dir, String path) {
        if (dir.subtree() == null) {
            throw new CorruptDataException("directory " + path + " has no subtree in its tree blob");
        }
        return dir.subtree();
    }

    /**
     * Streams the file's bytes to {@code out} (not closed) and returns how many were written.
     *
     * @throws IllegalArgumentException when the selection is not a regular file
     */
    public long writeFile(Selection file, OutputStream out) throws IOException {
        if (!file.isFile()) {
            throw new IllegalArgumentException(file.path() + " is a " + file.kind() + ", not a file"
                    + (file.isDirectory() ? ": dump it as an archive" : ""));
        }
        return writeContent(contentOf(file.node()), out);
    }

    /**
     * Writes the directory (with everything below it) as an archive to {@code out}, which is
     * left open. On an exception the archive is left unfinished, so a reader sees it is cut.
     *
     * @throws IllegalArgumentException when the selection is not a directory
     */
    public DumpSummary writeArchive(Selection dir, ArchiveFormat format, OutputStream out) throws IOException {
        if (!dir.isDirectory()) {
            throw new IllegalArgumentException(dir.path() + " is a " + dir.kind() + ", not a directory;"
                    + " only directories are dumped as archives");
        }
        ArchiveSink sink = format.open(out);
        Walk walk = new Walk(sink, format);
        if (dir.isRoot()) {
            walk.children(dir.tree(), new byte[0], "");
        } else {
            walk.entry(dir.rawPath(), dir.path(), dir.node());
        }
        sink.finish();
        return walk.summary();
    }

    private static List<Id> contentOf(Node file) {
        return file.content() == null ? List.of() : file.content();
    }

    private long writeContent(List<Id> content, OutputStream out) throws IOException {
        long n = 0;
        for (Id id : content) {
            byte[] plain = cache.get(id);
            if (plain == null) {
                plain = blobs.loadBlob(id, BlobType.DATA);
                cache.put(id, plain);
            }
            out.write(plain);
            n += plain.length;
        }
        return n;
    }

    /** Sum of the index's plaintext lengths: what the entry header must announce. */
    private long indexedSize(List<Id> content, String path) {
        long total = 0;
        for (Id id : content) {
            PackedBlob b = blobs.lookup(id, BlobType.DATA).orElseThrow(() -> new CorruptDataException(
                    "data blob " + id.hex() + " of " + path + " is not in any index"));
            total += b.plaintextLength();
        }
        return total;
    }

    /** An entry name an extractor could be tricked by ("..", "a/b", "") is never written. */
    static boolean unsafeName(byte[] name) {
        if (name.length == 0 || (name.length == 1 && name[0] == '.')
                || (name.length == 2 && name[0] == '.' && name[1] == '.')) {
            return true;
        }
        for (byte b : name) {
            if (b == '/' || b == 0) {
                return true;
            }
        }
        return false;
    }

    /** One archive's traversal state: counters and the first path of each hard-linked inode. */
    private final class Walk {
        private final ArchiveSink sink;
        private final ArchiveFormat format;
        private final Map<String, byte[]> linkTargets = new HashMap<>();
        private final List<String> skipped = new ArrayList<>();
        private long files;
        private long dirs;
        private long symlinks;
        private long hardLinks;
        private long specials;
        private long bytes;

        Walk(ArchiveSink sink, ArchiveFormat format) {
            this.sink = sink;
            this.format = format;
        }

        void children(Id tree, byte[] rawPrefix, String prefix) throws IOException {
            for (Node n : blobs.loadTree(tree).nodes()) {
                byte[] name = n.nameBytes();
                String path = prefix + "/" + n.nameString();
                if (unsafeName(name)) {
                    skipped.add(path + ": unsafe entry name, not written");
                    continue;
                }
                entry(join(rawPrefix, name), path, n);
            }
        }

        void entry(byte[] raw, String path, Node n) throws IOException {
            switch (n.type()) {
                case DIR -> {
                    sink.directory(raw, n);
                    dirs++;
                    children(subtree(n, path), raw, path);
                }
                case FILE -> file(raw, path, n);
                case SYMLINK -> {
                    sink.symlink(raw, n);
                    symlinks++;
                }
                case FIFO, DEV, CHARDEV -> {
                    if (sink.special(raw, n)) {
                        specials++;
                    } else {
                        skipped.add(path + ": a " + n.type().json() + " cannot be stored in a " + format.extension()
                                + " archive");
                    }
                }
                case SOCKET -> {
                    // restic never stores sockets; nothing to extract them as either.
                }
            }
        }

        private void file(byte[] raw, String path, Node n) throws IOException {
            if (n.links() > 1 && n.inode() != 0 && sink.supportsHardLinks()) {
                String key = Long.toUnsignedString(n.deviceId()) + ":" + Long.toUnsignedString(n.inode());
                byte[] first = linkTargets.putIfAbsent(key, raw);
                if (first != null) {
                    sink.hardLink(raw, n, first);
                    hardLinks++;
                    return;
                }
            }
            List<Id> content = contentOf(n);
            long size = indexedSize(content, path);
            if (size != n.size()) {
                throw new CorruptDataException("file " + path + " has " + size + " bytes in its data blobs but its"
                        + " tree entry says " + Long.toUnsignedString(n.size()));
            }
            sink.file(raw, n, out -> writeContent(content, out));
            files++;
            bytes += size;
        }

        DumpSummary summary() {
            return new DumpSummary(files, dirs, symlinks, hardLinks, specials, bytes, skipped);
        }
    }

    static byte[] join(byte[] prefix, byte[] name) {
        if (prefix.length == 0) {
            return name;
        }
        byte[] out = new byte[prefix.length + 1 + name.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        out[prefix.length] = '/';
        System.arraycopy(name, 0, out, prefix.length + 1, name.length);
        return out;
    }
}
