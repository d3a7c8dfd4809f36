package io.chronosguard.engine.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.NotFoundException;
import io.chronosguard.engine.WrongPasswordException;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.crypto.Crypto;
import io.chronosguard.engine.crypto.KdfParams;
import io.chronosguard.engine.crypto.Key;
import io.chronosguard.engine.crypto.KeyDerivation;
import io.chronosguard.engine.repo.format.KeyFile;
import io.chronosguard.engine.repo.format.ResticJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {
    /** Cheap scrypt parameters: the tests exercise the format, not the cost. */
    static final KdfParams CHEAP = new KdfParams(1024, 8, 1);
    static final Host HOST = new Host("testhost", "tester", 4242, 1000, 1000);
    static final OffsetDateTime CREATED = OffsetDateTime.of(2024, 3, 1, 12, 30, 15, 123_456_000, ZoneOffset.ofHours(1));

    @TempDir
    Path dir;
    LocalBackend backend;
    Key master;

    @BeforeEach
    void setUp() throws IOException {
        backend = new LocalBackend(dir.resolve("repo"));
        backend.createLayout();
        master = Key.random(new SecureRandom());
    }

    Id add(String password) {
        return KeyRing.addKey(backend, master, password.toCharArray(), CHEAP, HOST, CREATED);
    }

    KeyFile read(Id id) throws IOException {
        return ResticJson.read(backend.load(FileType.KEY, id.hex()), KeyFile.class, "key").validate("key");
    }

    static void assertSameKey(Key expected, Key actual) {
        assertArrayEquals(expected.encrypt(), actual.encrypt());
        assertArrayEquals(expected.macK(), actual.macK());
        assertArrayEquals(expected.macR(), actual.macR());
    }

    @Test
    void addKey_thenTryUnlock_yieldsTheSameMasterKey() throws IOException {
        Id id = add("s3cret");
        Key opened = KeyRing.tryUnlock(read(id), "s3cret".toCharArray());
        assertNotNull(opened);
        assertSameKey(master, opened);
    }

    @Test
    void tryUnlock_wrongPassword_returnsNull() throws IOException {
        Id id = add("s3cret");
        assertNull(KeyRing.tryUnlock(read(id), "s3cret ".toCharArray()));
    }

    @Test
    void unlock_wrongPassword_throwsWithoutNamingThePassword() {
        add("s3cret");
        WrongPasswordException e = assertThrows(WrongPasswordException.class,
                () -> KeyRing.unlock(backend, "guess-1234".toCharArray()));
        assertFalse(e.getMessage().contains("guess-1234"), e.getMessage());
    }

    @Test
    void unlock_twoKeys_reportsTheKeyFileThePasswordOpened() {
        Id first = add("one");
        Id second = add("two");
        assertEquals(first, KeyRing.unlock(backend, "one".toCharArray()).keyId());
        KeyRing.Unlocked u = KeyRing.unlock(backend, "two".toCharArray());
        assertEquals(second, u.keyId());
        assertSameKey(master, u.master());
    }

    @Test
    void addKey_nonAsciiPassword_roundTripsAsUtf8() throws IOException {
        Id id = add("pässwörd-😀");
        assertNotNull(KeyRing.tryUnlock(read(id), "pässwörd-😀".toCharArray()));
        assertNull(KeyRing.tryUnlock(read(id), "passwort-😀".toCharArray()));
    }

    @Test
    void addKey_fileIsNamedBySha256OfItsText() throws IOException {
        Id id = add("pw");
        byte[] text = backend.load(FileType.KEY, id.hex());
        assertEquals(id, Id.hash(text));
    }

    @Test
    void addKey_writesResticFieldsInOrderWithTheGivenParameters() throws IOException {
        Id id = add("pw");
        String text = new String(backend.load(FileType.KEY, id.hex()), StandardCharsets.UTF_8);
        Pattern shape = Pattern.compile("\\{\"created\":\"2024-03-01T12:30:15\\.123456\\+01:00\",\"username\":\"tester\","
                + "\"hostname\":\"testhost\",\"kdf\":\"scrypt\",\"N\":1024,\"r\":8,\"p\":1,"
                + "\"salt\":\"[A-Za-z0-9+/]{86}==\",\"data\":\"[A-Za-z0-9+/=]+\"}");
        assertTrue(shape.matcher(text).matches(), text);
        assertEquals(64, read(id).salt().length);
    }

    @Test
    void addKey_sealsMasterKeyJsonInResticShape() throws IOException {
        KeyFile kf = read(add("pw"));
        Key user = KeyDerivation.derive("pw".toCharArray(), kf.salt(), (int) kf.n(), kf.r(), kf.p());
        String json = new String(Crypto.open(user, kf.data()), StandardCharsets.UTF_8);
        assertTrue(json.matches("\\{\"mac\":\\{\"k\":\"[A-Za-z0-9+/]{22}==\",\"r\":\"[A-Za-z0-9+/]{22}==\"},"
                + "\"encrypt\":\"[A-Za-z0-9+/]{43}=\"}"), json);
    }

    @Test
    void addKey_twiceSamePassword_freshSaltEachTime() throws IOException {
        Id a = add("pw");
        Id b = add("pw");
        assertNotEquals(a, b);
        assertFalse(java.util.Arrays.equals(read(a).salt(), read(b).salt()));
    }

    @Test
    void addKey_emptyUserName_stillWritesTheField() throws IOException {
        Id id = KeyRing.addKey(backend, master, "pw".toCharArray(), CHEAP, new Host("h", "", 1, 0, 0), CREATED);
        String text = new String(backend.load(FileType.KEY, id.hex()), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"username\":\"\",\"hostname\":\"h\""), text);
    }

    @Test
    void list_unreadableKeyFile_isReportedAndSkipped() throws IOException {
        Id good = add("pw");
        byte[] junk = "{\"kdf\":\"argon2\"}".getBytes(StandardCharsets.UTF_8);
        backend.save(FileType.KEY, Id.hash(junk).hex(), junk);
        List<String> problems = new ArrayList<>();
        List<KeyRing.Entry> entries = KeyRing.list(backend, problems::add);
        assertEquals(List.of(good), entries.stream().map(KeyRing.Entry::id).toList());
        assertEquals("tester", entries.get(0).file().username());
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains(Id.hash(junk).hex()), problems.get(0));
    }

    @Test
    void find_uniquePrefix_returnsTheKey() {
        Id id = add("pw");
        assertEquals(id, KeyRing.find(backend, id.shortHex()));
        assertEquals(id, KeyRing.find(backend, id.hex().toUpperCase()));
    }

    @Test
    void find_noMatch_throwsNotFound() {
        Id id = add("pw");
        String other = id.hex().startsWith("0") ? "1" : "0";
        assertThrows(NotFoundException.class, () -> KeyRing.find(backend, other));
    }

    @Test
    void find_notHex_isRejected() {
        add("pw");
        assertThrows(IllegalArgumentException.class, () -> KeyRing.find(backend, "xyz"));
    }

    @Test
    void removeKey_keyInUse_isRefusedAndKept() throws IOException {
        Id id = add("pw");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyRing.removeKey(backend, id, id));
        assertTrue(e.getMessage().contains("refusing"), e.getMessage());
        assertEquals(List.of(id.hex()), backend.list(FileType.KEY));
    }

    @Test
    void removeKey_otherKey_deletesOnlyIt() throws IOException {
        Id inUse = add("one");
        Id other = add("two");
        KeyRing.removeKey(backend, other, inUse);
        assertEquals(List.of(inUse.hex()), backend.list(FileType.KEY));
        assertThrows(WrongPasswordException.class, () -> KeyRing.unlock(backend, "two".toCharArray()));
    }

    @Test
    void removeKey_missing_throwsNotFound() {
        Id inUse = add("one");
        Id missing = Id.hash(new byte[] {1});
        assertThrows(NotFoundException.class, () -> KeyRing.removeKey(backend, missing, inUse));
        assertTrue(Files.exists(dir.resolve("repo/keys").resolve(inUse.hex())));
    }
}
