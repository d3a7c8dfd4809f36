package io.chronosguard.engine.repo;

import io.chronosguard.engine.AlreadyExistsException;
import io.chronosguard.engine.BackendIOException;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.chunker.Polynomial;
import io.chronosguard.engine.crypto.Crypto;
import io.chronosguard.engine.crypto.KdfParams;
import io.chronosguard.engine.crypto.Key;
import io.chronosguard.engine.repo.format.RepoConfig;
import io.chronosguard.engine.repo.format.ResticJson;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;

/**
 * Creates a new repository as {@code restic init} does (format §1, §2, §4.1, §11): the
 * folder layout, a random master key, one key file sealing it with the password, and the
 * config with the format version, a random id and a random irreducible chunker polynomial.
 * The config is written last, so an interrupted init never looks like a repository.
 */
public final class RepositoryInit {
    /** The format version a new repository gets unless asked otherwise (restic 0.14's "stable"). */
    public static final int DEFAULT_VERSION = 2;
    private static final int REPOSITORY_ID_SIZE = 32;

    private final SecureRandom random;
    private final Clock clock;
    private final Host host;

    /** {@code random} draws keys, salt, id and polynomial; clock and host go into the key file. */
    public RepositoryInit(SecureRandom random, Clock clock, Host host) {
        this.random = random;
        this.clock = clock;
        this.host = host;
    }

    /** For this process: a strong random source, the local clock and zone, this host and user. */
    public static RepositoryInit forThisHost() {
        return new RepositoryInit(new SecureRandom(), Clock.systemDefaultZone(), Host.current());
    }

    /**
     * Creates a repository of format {@code version} (1 or 2) in {@code backend}'s folder,
     * which must not exist yet or be empty, and returns it open with its first key.
     *
     * @throws AlreadyExistsException   when a repository (a config file) is already there
     * @throws IllegalArgumentException when the version is not 1 or 2, or the folder holds other files
     */
    public Repository init(Backend backend, char[] password, int version, KdfParams kdf) {
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("repository version must be 1 or 2, got " + version);
        }
        checkLocation(backend);
        try {
            backend.createLayout();
        } catch (IOException e) {
            throw new BackendIOException("cannot create repository folders in " + backend.location() + ": "
                    + e.getMessage(), e);
        }
        Key master = Key.random(random);
        Id keyId = KeyRing.addKey(backend, master, password, kdf, host, OffsetDateTime.now(clock), random);
        RepoConfig config = new RepoConfig(version, randomId(), Polynomial.random(random).hex());
        try {
            backend.save(FileType.CONFIG, "config", Crypto.seal(master, ResticJson.write(config)));
        } catch (IOException e) {
            throw new BackendIOException("cannot write the config file of " + backend.location() + ": "
                    + e.getMessage(), e);
        }
        return Repository.of(backend, master, keyId);
    }

    /**
     * Fails unless {@code backend}'s folder is free for a new repository, so a caller can
     * check before asking for a password; {@link #init} checks again.
     *
     * @throws AlreadyExistsException   when a repository (a config file) is already there
     * @throws IllegalArgumentException when the location is a file or a folder with other files
     */
    public static void checkLocation(Backend backend) {
        boolean unused;
        try {
            if (backend.exists()) {
                throw new AlreadyExistsException("a repository already exists at " + backend.location()
                        + " (it has a config file); nothing was changed");
            }
            unused = backend.isUnused();
        } catch (IOException e) {
            throw new BackendIOException("cannot look into " + backend.location() + ": " + e.getMessage(), e);
        }
        if (!unused) {
            throw new IllegalArgumentException(backend.location() + " exists and is not an empty folder, nor a"
                    + " repository; give a new or empty folder to init");
        }
    }

    private String randomId() {
        byte[] id = new byte[REPOSITORY_ID_SIZE];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
