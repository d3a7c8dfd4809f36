package io.chronosguard.engine.repo;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdInputStream;
import io.chronosguard.engine.BackendIOException;
import io.chronosguard.engine.CorruptDataException;
import io.chronosguard.engine.NotFoundException;
import io.chronosguard.engine.RepositoryNotFoundException;
import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.chunker.Polynomial;
import io.chronosguard.engine.crypto.AuthenticationFailedException;
import io.chronosguard.engine.crypto.Crypto;
import io.chronosguard.engine.crypto.Key;
import io.chronosguard.engine.index.IndexFile;
import io.chronosguard.engine.index.MasterIndex;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.format.FormatException;
import io.chronosguard.engine.repo.format.RepoConfig;
import io.chronosguard.engine.repo.format.ResticJson;
import io.chronosguard.engine.repo.format.Snapshot;
import io.chronosguard.engine.repo.format.Tree;
import io.chronosguard.engine.repo.format.TreeCodec;
import io.chronosguard.engine.repo.format.TreeFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An open repository: the backend, the master key and the config. Knows how every file
 * and blob is stored (sealed, maybe compressed, named by hash) and checks all of it on
 * read: the file name against the stored bytes, the MAC before decryption, the blob id
 * against the plaintext. Thread-safe.
 */
public final class Repository implements AutoCloseable {
    /** One decompression context per thread: making one per blob cost as much as small blobs' data. */
    private static final ThreadLocal<ZstdDecompressCtx> ZSTD = ThreadLocal.withInitial(ZstdDecompressCtx::new);

    private final Backend backend;
    private final Key key;
    private final Id keyId;
    private final RepoConfig config;
    private volatile MasterIndex index;

    private Repository(Backend backend, Key key, Id keyId, RepoConfig config) {
        this.backend = backend;
        this.key = key;
        this.keyId = keyId;
        this.config = config;
    }

    /** Opens the repository with {@code password}, trying its key files in turn. */
    public static Repository open(Backend backend, char[] password) {
        try {
            if (!backend.exists()) {
                throw new RepositoryNotFoundException("no repository at " + backend.location()
                        + " (there is no config file)");
            }
        } catch (IOException e) {
            throw new BackendIOException("cannot read " + backend.location() + ": " + e.getMessage(), e);
        }
        KeyRing.Unlocked unlocked = KeyRing.unlock(backend, password);
        return new Repository(backend, unlocked.master(), unlocked.keyId(),
                loadConfig(backend, unlocked.master()));
    }

    /** Wraps a repository whose master key is already known, not through any key file. */
    public static Repository of(Backend backend, Key master) {
        return new Repository(backend, master, null, loadConfig(backend, master));
    }

    /** Wraps a repository whose master key is already known from key file {@code keyId} (after init). */
    public static Repository of(Backend backend, Key master, Id keyId) {
        return new Repository(backend, master, Objects.requireNonNull(keyId, "keyId"), loadConfig(backend, master));
    }

    private static RepoConfig loadConfig(Backend backend, Key master) {
        byte[] sealed = read(backend, FileType.CONFIG, "config");
        byte[] plain;
        try {
            plain = Crypto.open(master, sealed);
        } catch (AuthenticationFailedException e) {
            throw new CorruptDataException("config file of " + backend.location() + " fails authentication");
        }
        RepoConfig config;
        try {
            config = ResticJson.read(plain, RepoConfig.class, "config").validate();
        } catch (FormatException e) {
            throw new CorruptDataException(e.getMessage(), e);
        }
        // restic refuses such a repository too: a reducible polynomial chunks poorly, and a
        // config that has one was not written by restic or by us.
        Polynomial pol;
        try {
            pol = Polynomial.parse(config.chunkerPolynomial());
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException("config file of " + backend.location() + ": " + e.getMessage(), e);
        }
        if (!pol.isIrreducible()) {
            throw new CorruptDataException("config file of " + backend.location() + " has chunker polynomial "
                    + config.chunkerPolynomial() + ", which is not irreducible");
        }
        return config;
    }

    static byte[] read(Backend backend, FileType type, String name) {
        try {
            return backend.load(type, name);
        } catch (NoSuchFileException e) {
            throw new NotFoundException(type.folder() + " file " + name + " does not exist in " + backend.location());
        } catch (IOException e) {
            throw new BackendIOException("cannot read " + type.folder() + " file " + name + ": " + e.getMessage(), e);
        }
    }

    public Backend backend() {
        return backend;
    }

    public Key key() {
        return key;
    }

    /** The key file this repository was opened with; empty when opened with a bare master key. */
    public Optional<Id> keyId() {
        return Optional.ofNullable(keyId);
    }

    public RepoConfig config() {
        return config;
    }

    public int version() {
        return config.version();
    }

    /** Ids of all files of a type, skipping names that are not ids. */
    public List<Id> list(FileType type) {
        try {
            List<Id> ids = new ArrayList<>();
            for (String n : backend.list(type)) {
                ids.add(Id.parse(n));
            }
            return ids;
        } catch (IOException e) {
            throw new BackendIOException("cannot list " + type.folder() + " of " + backend.location()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Loads, checks and decodes an index, snapshot or lock file to its JSON plaintext. */
    public byte[] loadUnpacked(FileType type, Id id) {
        byte[] stored = read(backend, type, id.hex());
        String what = type.folder() + " file " + id.hex();
        if (!Id.hash(stored).equals(id)) {
            throw new CorruptDataException(what + " does not match its name (its bytes were changed or cut)");
        }
        byte[] plain;
        try {
            plain = Crypto.open(key, stored);
        } catch (AuthenticationFailedException e) {
            throw new CorruptDataException(what + " fails authentication");
        }
        return decodeUnpacked(plain, what);
    }

    private byte[] decodeUnpacked(byte[] plain, String what) {
        if (config.version() < 2 || plain.length == 0 || plain[0] == '{' || plain[0] == '[') {
            return plain;
        }
        if (plain[0] != 2) {
            throw new CorruptDataException(what + " starts with unsupported byte " + (plain[0] & 0xff));
        }
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(plain, 1, plain.length - 1))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length * 4);
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new CorruptDataException(what + " does not decompress: " + e.getMessage(), e);
        }
    }

    /** Seals JSON as an unpacked file of {@code type} (compressed in v2) and stores it. */
    public Id saveUnpacked(FileType type, byte[] json) {
        byte[] plain = json;
        if (config.version() >= 2) {
            byte[] z = Zstd.compress(json, 3);
            plain = new byte[z.length + 1];
            plain[0] = 2;
            System.arraycopy(z, 0, plain, 1, z.length);
        }
        byte[] sealed = Crypto.seal(key, plain);
        Id id = Id.hash(sealed);
        try {
            backend.save(type, id.hex(), sealed);
        } catch (IOException e) {
            throw new BackendIOException("cannot write " + type.folder() + " file " + id.hex() + " in "
                    + backend.location() + ": " + e.getMessage(), e);
        }
        return id;
    }

    /** The merged index, loaded on first use. */
    public MasterIndex index() {
        MasterIndex idx = index;
        if (idx == null) {
            synchronized (this) {
                if (index == null) {
                    index = loadIndex();
                }
                idx = index;
            }
        }
        return idx;
    }

    /**
     * Reads every index file: the repository's index is their union, as restic 0.14 reads it
     * ({@code supersedes} is not honoured: a prune interrupted after writing its new index but
     * before deleting the old files must not hide packs that are still there).
     */
    public MasterIndex loadIndex() {
        return ParallelIndexLoad.load(list(FileType.INDEX), this::loadIndexFile,
                Runtime.getRuntime().availableProcessors());
    }

    public IndexFile loadIndexFile(Id id) {
        byte[] json = loadUnpacked(FileType.INDEX, id);
        try {
            return IndexFile.decode(json, id.hex());
        } catch (FormatException e) {
            throw new CorruptDataException(e.getMessage(), e);
        }
    }

    /** Loads one blob, verifying MAC, decompression and the plaintext's hash. */
    public byte[] loadBlob(PackedBlob b) {
        byte[] sealed;
        try {
            sealed = backend.load(FileType.DATA, b.pack().hex(), b.offset(), b.length());
        } catch (NoSuchFileException e) {
            throw new CorruptDataException("pack " + b.pack().hex() + " holding " + b.type().json()
                    + " blob " + b.id().hex() + " is missing");
        } catch (IOException e) {
            throw new BackendIOException("cannot read pack " + b.pack().hex() + ": " + e.getMessage(), e);
        }
        if (sealed.length != b.length()) {
            throw new CorruptDataException("pack " + b.pack().hex() + " is truncated: " + b.type().json()
                    + " blob " + b.id().hex() + " at offset " + b.offset() + " lies past its end");
        }
        return decodeBlob(b, sealed, 0);
    }

    /** Opens a blob whose sealed bytes start at {@code off} in {@code buf}. */
    public byte[] decodeBlob(PackedBlob b, byte[] buf, int off) {
        String what = b.type().json() + " blob " + b.id().hex() + " in pack " + b.pack().hex();
        byte[] plain;
        try {
            plain = Crypto.open(key, buf, off, b.length());
        } catch (AuthenticationFailedException e) {
            throw new CorruptDataException(what + " fails authentication");
        }
        if (b.compressed()) {
            try {
                plain = ZSTD.get().decompress(plain, b.uncompressedLength());
            } catch (RuntimeException e) {
                throw new CorruptDataException(what + " does not decompress: " + e.getMessage(), e);
            }
            if (plain.length != b.uncompressedLength()) {
                throw new CorruptDataException(what + " decompresses to " + plain.length + " bytes, index says "
                        + b.uncompressedLength());
            }
        }
        if (!Id.hash(plain).equals(b.id())) {
            throw new CorruptDataException(what + " does not match its id");
        }
        return plain;
    }

    /** Loads a blob by id through the index. */
    public byte[] loadBlob(Id id, BlobType type) {
        PackedBlob b = index().lookup(id, type).orElseThrow(() ->
                new CorruptDataException(type.json() + " blob " + id.hex() + " is not in any index"));
        return loadBlob(b);
    }

    public Tree loadTree(Id id) {
        byte[] json = loadBlob(id, BlobType.TREE);
        try {
            return TreeCodec.parse(json);
        } catch (TreeFormatException e) {
            throw new CorruptDataException("tree " + id.hex() + " cannot be parsed: " + e.getMessage(), e);
        }
    }

    public Snapshot loadSnapshot(Id id) {
        byte[] json = loadUnpacked(FileType.SNAPSHOT, id);
        try {
            return ResticJson.read(json, Snapshot.class, "snapshot " + id.hex()).validate("snapshot " + id.hex());
        } catch (FormatException e) {
            throw new CorruptDataException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            backend.close();
        } catch (IOException e) {
            throw new BackendIOException("cannot close " + backend.location() + ": " + e.getMessage(), e);
        }
    }
}
