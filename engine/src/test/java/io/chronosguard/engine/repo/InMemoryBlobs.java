package io.chronosguard.engine.repo;

import io.chronosguard.engine.CorruptDataException;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import io.chronosguard.engine.repo.format.Tree;
import io.chronosguard.engine.repo.format.TreeCodec;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link BlobLoader} over maps, for unit tests of code that walks snapshots. Trees get
 * their real ids (SHA-256 of restic's serialisation); data blobs the SHA-256 of their bytes.
 * Index entries are invented: data blobs are "compressed" to half their size unless
 * {@link #uncompressed()} is set. Counts loads, so tests can see what was (not) read.
 */
public final class InMemoryBlobs implements BlobLoader {
    public static final OffsetDateTime T0 = OffsetDateTime.of(2024, 3, 1, 10, 15, 30, 123_456_789, ZoneOffset.UTC);
    private static final Id PACK = Id.hash("pack".getBytes(StandardCharsets.UTF_8));

    private final Map<Id, Tree> trees = new HashMap<>();
    private final Map<Id, byte[]> data = new HashMap<>();
    private final Map<Id, PackedBlob> index = new HashMap<>();
    private final List<Id> treeLoads = new ArrayList<>();
    private final List<Id> dataLoads = new ArrayList<>();
    private boolean compress = true;

    /** Data blobs added from now on are indexed as uncompressed. */
    public InMemoryBlobs uncompressed() {
        compress = false;
        return this;
    }

    /** Stores a data blob and returns its id. */
    public Id data(byte[] bytes) {
        Id id = Id.hash(bytes);
        data.put(id, bytes.clone());
        int sealed = (compress ? bytes.length / 2 : bytes.length) + 32;
        index.put(id, new PackedBlob(id, BlobType.DATA, PACK, 0, sealed, compress ? bytes.length : 0));
        return id;
    }

    public Id data(String text) {
        return data(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Stores a tree of {@code nodes} (sorted here) and returns its id. */
    public Id tree(Node... nodes) {
        Tree t = Tree.sorted(Arrays.asList(nodes));
        byte[] json = TreeCodec.serialize(t);
        Id id = TreeCodec.id(json);
        trees.put(id, t);
        index.put(id, new PackedBlob(id, BlobType.TREE, PACK, 0, json.length / 2 + 32, json.length));
        return id;
    }

    /** Forgets a data blob's index entry, as a damaged index would. */
    public void unindex(Id id) {
        index.remove(id);
    }

    public List<Id> treeLoads() {
        return treeLoads;
    }

    public List<Id> dataLoads() {
        return dataLoads;
    }

    @Override
    public Tree loadTree(Id id) {
        treeLoads.add(id);
        Tree t = trees.get(id);
        if (t == null) {
            throw new CorruptDataException("no tree " + id);
        }
        return t;
    }

    @Override
    public byte[] loadBlob(Id id, BlobType type) {
        if (type == BlobType.TREE) {
            return TreeCodec.serialize(loadTree(id));
        }
        dataLoads.add(id);
        byte[] b = data.get(id);
        if (b == null) {
            throw new CorruptDataException("no data blob " + id);
        }
        return b.clone();
    }

    @Override
    public Optional<PackedBlob> lookup(Id id, BlobType type) {
        PackedBlob b = index.get(id);
        return b != null && b.type() == type ? Optional.of(b) : Optional.empty();
    }

    // Node builders with fixed times and owners, to keep tests short.

    public static Node.Builder base(String name, NodeType type, int perm) {
        return Node.builder(name, type).mode(Node.goModeOf(type, perm)).mtime(T0).atime(T0).ctime(T0)
                .uid(1000).gid(100).user("alice").group("users");
    }

    /** A file made of the given blobs, with the size their bytes add up to. */
    public Node file(String name, int perm, Id... blobs) {
        long size = 0;
        for (Id b : blobs) {
            size += data.get(b).length;
        }
        return base(name, NodeType.FILE, perm).content(List.of(blobs)).size(size).links(1).build();
    }

    public static Node dir(String name, Id subtree) {
        return base(name, NodeType.DIR, 0755).subtree(subtree).build();
    }

    public static Node symlink(String name, String target) {
        return base(name, NodeType.SYMLINK, 0777).linktarget(target).links(1).build();
    }
}
