package io.chronosguard.engine.repo;

import io.chronosguard.engine.BackendIOException;
import io.chronosguard.engine.NotFoundException;
import io.chronosguard.engine.RepositoryNotFoundException;
import io.chronosguard.engine.WrongPasswordException;
import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.crypto.AuthenticationFailedException;
import io.chronosguard.engine.crypto.Crypto;
import io.chronosguard.engine.crypto.KdfParams;
import io.chronosguard.engine.crypto.Key;
import io.chronosguard.engine.crypto.KeyDerivation;
import io.chronosguard.engine.repo.format.FormatException;
import io.chronosguard.engine.repo.format.KeyFile;
import io.chronosguard.engine.repo.format.MasterKeyJson;
import io.chronosguard.engine.repo.format.ResticJson;
import io.chronosguard.engine.repo.format.ResticTime;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The key files of a repository: finds the one a password opens and unseals the master key
 * from it, writes new ones (a new password seals the same master key), lists and removes
 * them. Passwords are only ever turned into keys here; no message names one.
 */
public final class KeyRing {
    /** restic 0.14 gives up after this many key files. */
    static final int MAX_KEYS_TRIED = 20;
    /** restic refuses key files whose salt has any other length. */
    static final int SALT_SIZE = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyRing() {
    }

    /** The key file a password opened, and the master key sealed in it. */
    public record Unlocked(Id keyId, Key master) {
    }

    /** A readable key file and its id (the SHA-256 of its text). */
    public record Entry(Id id, KeyFile file) {
    }

    /** Tries the key files in turn, as restic does, and returns the first one that opens. */
    public static Unlocked unlock(Backend backend, char[] password) {
        List<String> names = listNames(backend);
        if (names.isEmpty()) {
            throw new RepositoryNotFoundException("no key files in " + backend.location() + "/keys");
        }
        int tried = 0;
        for (String name : names) {
            if (tried++ == MAX_KEYS_TRIED) {
                break;
            }
            KeyFile kf;
            try {
                kf = decode(Repository.read(backend, FileType.KEY, name), name);
            } catch (FormatException e) {
                continue;
            }
            Key master = tryUnlock(kf, password);
            if (master != null) {
                return new Unlocked(Id.parse(name), master);
            }
        }
        throw new WrongPasswordException("wrong password: no key file of " + backend.location() + " opens with it");
    }

    /** The master key sealed in {@code kf}, or null when the password does not open it. */
    public static Key tryUnlock(KeyFile kf, char[] password) {
        Key user = KeyDerivation.derive(password, kf.salt(), (int) kf.n(), kf.r(), kf.p());
        byte[] plain;
        try {
            plain = Crypto.open(user, kf.data());
        } catch (AuthenticationFailedException e) {
            return null;
        }
        MasterKeyJson mk = ResticJson.read(plain, MasterKeyJson.class, "master key");
        Arrays.fill(plain, (byte) 0);
        return new Key(mk.encrypt(), mk.mac().k(), mk.mac().r());
    }

    /** Writes a key file for {@code password} sealing {@code master}, made by this host now. */
    public static Id addKey(Backend backend, Key master, char[] password, KdfParams kdf) {
        return addKey(backend, master, password, kdf, Host.current(), OffsetDateTime.now(), RANDOM);
    }

    /**
     * Writes a key file for {@code password} sealing {@code master}: a fresh 64-byte salt,
     * the user key derived with {@code kdf}, and {@code host} and {@code created} as the
     * record of who made it. Returns its id, which is also its file name.
     */
    public static Id addKey(Backend backend, Key master, char[] password, KdfParams kdf, Host host,
            OffsetDateTime created) {
        return addKey(backend, master, password, kdf, host, created, RANDOM);
    }

    static Id addKey(Backend backend, Key master, char[] password, KdfParams kdf, Host host,
            OffsetDateTime created, SecureRandom random) {
        byte[] text = ResticJson.write(seal(master, password, kdf, host, created, random));
        Id id = Id.hash(text);
        try {
            backend.save(FileType.KEY, id.hex(), text);
        } catch (IOException e) {
            throw new BackendIOException("cannot write key file " + id.hex() + " to " + backend.location()
                    + ": " + e.getMessage(), e);
        }
        return id;
    }

    /** A new key file (format §2) holding {@code master} sealed with the password's user key. */
    static KeyFile seal(Key master, char[] password, KdfParams kdf, Host host, OffsetDateTime created,
            SecureRandom random) {
        byte[] salt = new byte[SALT_SIZE];
        random.nextBytes(salt);
        Key user = KeyDerivation.derive(password, salt, kdf);
        byte[] masterJson = ResticJson.write(new MasterKeyJson(
                new MasterKeyJson.Mac(master.macK(), master.macR()), master.encrypt()));
        byte[] data = Crypto.seal(user, masterJson);
        Arrays.fill(masterJson, (byte) 0);
        return new KeyFile(ResticTime.format(created), host.username(), host.hostname(), "scrypt",
                kdf.n(), kdf.r(), kdf.p(), salt, data);
    }

    /** Every key file, by id; {@code onUnreadable} hears of those that cannot be parsed. */
    public static List<Entry> list(Backend backend, Consumer<String> onUnreadable) {
        List<Entry> entries = new ArrayList<>();
        for (String name : listNames(backend)) {
            try {
                entries.add(new Entry(Id.parse(name), decode(Repository.read(backend, FileType.KEY, name), name)));
            } catch (FormatException | NotFoundException e) {
                onUnreadable.accept(e.getMessage());
            }
        }
        return entries;
    }

    /**
     * The id of the one key file whose id is {@code idOrPrefix} or starts with it.
     *
     * @throws NotFoundException        when no key file matches
     * @throws IllegalArgumentException when the prefix matches more than one, or is no hex
     */
    public static Id find(Backend backend, String idOrPrefix) {
        String prefix = idOrPrefix.toLowerCase(Locale.ROOT);
        if (prefix.isEmpty() || !prefix.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("\"" + idOrPrefix + "\" is not a key id or id prefix (hex digits)");
        }
        List<String> matches = listNames(backend).stream()
                .filter(n -> n.toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
        if (matches.isEmpty()) {
            throw new NotFoundException("no key file in " + backend.location() + " has an id starting with " + prefix);
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("key id prefix " + prefix + " matches " + matches.size()
                    + " key files; give more digits");
        }
        return Id.parse(matches.get(0));
    }

    /**
     * Deletes key file {@code id}. Refuses the key in use, so that a repository is never left
     * without the key its opener holds (and, when it is the last one, without any key).
     *
     * @throws IllegalArgumentException when {@code id} is {@code inUse}
     * @throws NotFoundException        when there is no such key file
     */
    public static void removeKey(Backend backend, Id id, Id inUse) {
        if (id.equals(inUse)) {
            throw new IllegalArgumentException("refusing to remove key " + id.shortHex()
                    + ": it is the key the repository was opened with");
        }
        try {
            backend.remove(FileType.KEY, id.hex());
        } catch (NoSuchFileException e) {
            throw new NotFoundException("key file " + id.hex() + " does not exist in " + backend.location());
        } catch (IOException e) {
            throw new BackendIOException("cannot remove key file " + id.hex() + ": " + e.getMessage(), e);
        }
    }

    private static KeyFile decode(byte[] text, String name) {
        return ResticJson.read(text, KeyFile.class, "key file " + name).validate("key file " + name);
    }

    private static List<String> listNames(Backend backend) {
        try {
            return backend.list(FileType.KEY);
        } catch (IOException e) {
            throw new BackendIOException("cannot list keys of " + backend.location() + ": " + e.getMessage(), e);
        }
    }
}
