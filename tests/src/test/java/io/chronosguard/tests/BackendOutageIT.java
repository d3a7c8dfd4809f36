package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.BackendIOException;
import io.chronosguard.engine.archiver.ArchiverListener;
import io.chronosguard.engine.archiver.Backup;
import io.chronosguard.engine.archiver.BackupRequest;
import io.chronosguard.engine.archiver.BackupSummary;
import io.chronosguard.engine.archiver.Excluder;
import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.backend.BackendOptions;
import io.chronosguard.engine.backend.BackendStack;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.backend.ForwardingBackend;
import io.chronosguard.engine.backend.RetryPolicy;
import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Host;
import io.chronosguard.engine.repo.Repository;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that goes away in the middle of a backup, as a network server does when it is
 * killed: every call is refused for a while (the first one after it stored its file, an
 * answer lost on the way back). Through the production decorator stack, a backup whose store
 * comes back within the retry window completes with one warning per retry, restic checks the
 * repository with {@code --read-data} and restores the snapshot byte-exact; one whose store
 * stays away longer fails with one clear error and leaves a repository restic accepts, into
 * which the next backup succeeds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackendOutageIT {
    /** Fast, so the test waits seconds: 100 ms × 1.5 per retry, 10 retries, about 11 s in all. */
    static final RetryPolicy FAST = new RetryPolicy(10, Duration.ofMillis(100), 1.5, Duration.ofSeconds(5),
            Duration.ofSeconds(60), 0.5);

    @TempDir
    static Path tmp;
    Path src;

    @BeforeAll
    void source() throws IOException {
        src = tmp.resolve("src");
        Random rnd = new Random(7);
        Files.createDirectories(src.resolve("sub"));
        for (int i = 0; i < 6; i++) {
            SourceTree.randomFile(src.resolve("sub/file-" + i + ".bin"), 1_100_000, rnd);
        }
        Files.writeString(src.resolve("small.txt"), "small\n");
        SourceTree.setTimes(src);
    }

    /**
     * Refuses every call from the {@code after}-th pack upload on, for {@code downFor}; that
     * upload itself reaches the store, but its answer is lost.
     */
    static final class Outage extends ForwardingBackend {
        final int after;
        final Duration downFor;
        final AtomicInteger packSaves = new AtomicInteger();
        volatile long downUntil;
        final AtomicInteger refused = new AtomicInteger();

        Outage(Backend inner, int after, Duration downFor) {
            super(inner);
            this.after = after;
            this.downFor = downFor;
        }

        private void refuseWhileDown() throws IOException {
            long until = downUntil;
            if (until != 0 && System.nanoTime() < until) {
                refused.incrementAndGet();
                throw new ConnectException("Connection refused");
            }
        }

        @Override
        public void save(FileType type, String name, byte[] data) throws IOException {
            refuseWhileDown();
            super.save(type, name, data);
            if (type == FileType.DATA && packSaves.incrementAndGet() == after) {
                downUntil = System.nanoTime() + downFor.toNanos();
                refused.incrementAndGet();
                throw new java.net.SocketException("Connection reset");
            }
        }

        @Override
        public byte[] load(FileType type, String name) throws IOException {
            refuseWhileDown();
            return super.load(type, name);
        }

        @Override
        public byte[] load(FileType type, String name, long offset, int length) throws IOException {
            refuseWhileDown();
            return super.load(type, name, offset, length);
        }

        @Override
        public List<String> list(FileType type) throws IOException {
            refuseWhileDown();
            return super.list(type);
        }

        @Override
        public void remove(FileType type, String name) throws IOException {
            refuseWhileDown();
            super.remove(type, name);
        }
    }

    private Path newRepo(String name) {
        Path repo = tmp.resolve(name);
        Cli.Result r = Cli.withPassword("-r", repo.toString(), "init");
        assertEquals(0, r.exit(), r.err());
        return repo;
    }

    private BackupSummary backup(Repository repo) {
        return new Backup(repo, Clock.systemUTC(), Host.current()).run(new BackupRequest(List.of(src), List.of(),
                "outage-test", Optional.empty(), true, Excluder.none(), BlobSaver.Compression.AUTO, 2, 1 << 20),
                ArchiverListener.NONE);
    }

    private static Repository open(Backend stacked) {
        return Repository.open(stacked, Restic.PASSWORD.toCharArray());
    }

    @Test
    void backup_storeBackWithinRetryWindow_completesAndResticRestoresByteExact() throws IOException {
        Path repoDir = newRepo("comes-back");
        Outage outage = new Outage(new LocalBackend(repoDir), 2, Duration.ofMillis(1500));
        List<String> warnings = new CopyOnWriteArrayList<>();
        Backend stacked = BackendStack.wrap(outage, "local", new BackendOptions(0, 0, 0, FAST, warnings::add));
        try (Repository repo = open(stacked)) {
            backup(repo);
        }

        assertTrue(outage.refused.get() >= 2, "the outage happened: " + outage.refused.get());
        assertEquals(outage.refused.get(), warnings.size(), String.join("\n", warnings));
        assertTrue(warnings.get(0).matches("retrying save data/[0-9a-f]{8} in \\d+ms after error: Connection reset,"
                + " attempt 2"), warnings.get(0));
        Restic restic = new Restic(repoDir);
        restic.ok("check", "--read-data");
        Path target = tmp.resolve("restore");
        restic.ok("restore", "latest", "--target", target.toString());
        TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));
    }

    @Test
    void backup_storeGoneLongerThanWindow_failsCleanlyAndNextBackupSucceeds() throws IOException {
        Path repoDir = newRepo("stays-away");
        Outage outage = new Outage(new LocalBackend(repoDir), 2, Duration.ofMinutes(10));
        RetryPolicy three = new RetryPolicy(3, Duration.ofMillis(50), 1.5, Duration.ofSeconds(1),
                Duration.ofSeconds(30), 0.5);
        Backend stacked = BackendStack.wrap(outage, "local", new BackendOptions(0, 0, 0, three, w -> { }));
        try (Repository repo = open(stacked)) {
            BackendIOException e = assertThrows(BackendIOException.class, () -> backup(repo));
            assertTrue(e.getMessage().contains("failed after 4 attempts") && e.getMessage().contains("giving up"),
                    e.getMessage());
        }

        Restic restic = new Restic(repoDir);
        Restic.Result check = restic.run("check", "--read-data");
        assertEquals(0, check.exit(), check.out() + check.err());
        assertEquals(0, restic.ok("list", "snapshots").lines().count());
        Cli.Result again = Cli.withPassword("-r", repoDir.toString(), "backup", src.toString());
        assertEquals(0, again.exit(), again.err());
        restic.ok("check", "--read-data");
        Path target = tmp.resolve("restore-after-failure");
        restic.ok("restore", "latest", "--target", target.toString());
        TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));
    }
}
