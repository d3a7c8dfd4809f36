package io.chronosguard.engine.repo;

import io.chronosguard.engine.BackendIOException;
import io.chronosguard.engine.RepositoryNotFoundException;
import io.chronosguard.engine.WrongPasswordException;
import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.crypto.AuthenticationFailedException;
import io.chronosguard.engine.crypto.Crypto;
import io.chronosguard.engine.crypto.Key;
import io.chronosguard.engine.crypto.KeyDerivation;
import io.chronosguard.engine.repo.format.FormatException;
import io.chronosguard.engine.repo.format.KeyFile;
import io.chronosguard.engine.repo.format.MasterKeyJson;
import io.chronosguard.engine.repo.format.ResticJson;
import java.io.IOException;
import java.util.List;

/** Finds the key file a password opens and unseals the master key from it. */
public final class KeyRing {
    /** restic 0.14 gives up after this many key files. */
    static final int MAX_KEYS_TRIED = 20;

    private KeyRing() {
    }

    public static Key unlock(Backend backend, char[] password) {
        List<String> names;
        try {
            names = backend.list(FileType.KEY);
        } catch (IOException e) {
            throw new BackendIOException("cannot list keys of " + backend.location() + ": " + e.getMessage(), e);
        }
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
                kf = ResticJson.read(Repository.read(backend, FileType.KEY, name), KeyFile.class, "key file " + name)
                        .validate("key file " + name);
            } catch (FormatException e) {
                continue;
            }
            Key master = tryUnlock(kf, password);
            if (master != null) {
                return master;
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
        return new Key(mk.encrypt(), mk.mac().k(), mk.mac().r());
    }
}
