package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.dump.Dumper;
import io.chronosguard.engine.dump.Selection;
import io.chronosguard.engine.repo.BlobLoader;
import io.chronosguard.engine.repo.Host;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.web.routes.RepositoryAccess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a long-running server reads a repository that other processes keep writing to: new
 * snapshots (and their new index files) are readable without a restart, and each use holds
 * restic's shared lock, one lock file for overlapping uses, none when idle.
 */
class RepositoryAccessIT {
    @TempDir
    Path tmp;

    Repository open(Path repo) {
        return Repository.open(new LocalBackend(repo), Restic.PASSWORD.toCharArray());
    }

    static long locks(Path repo) throws IOException {
        try (Stream<Path> s = Files.list(repo.resolve("locks"))) {
            return s.count();
        }
    }

    /** {@code repo} with a snapshot of {@code a/first.txt}; {@code b/second.txt} exists but is not backed up. */
    static void backedUpFirst(Path repo, Path a, Path b) throws IOException {
        Files.createDirectories(a);
        Files.createDirectories(b);
        Files.writeString(a.resolve("first.txt"), "first\n");
        Files.writeString(b.resolve("second.txt"), "second, written by another process after the server started\n");
        assertEquals(0, Cli.withPassword("-r", repo.toString(), "init").exit());
        assertEquals(0, Cli.withPassword("-r", repo.toString(), "backup", a.toString()).exit());
    }

    @Test
    void read_snapshotWrittenAfterOpening_isReadableWithItsNewIndex() throws Exception {
        Path repo = tmp.resolve("repo");
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        backedUpFirst(repo, a, b);
        try (Repository opened = open(repo)) {
            RepositoryAccess access = new RepositoryAccess(opened, Clock.systemUTC(), Host.current());
            assertArrayEquals(Files.readAllBytes(a.resolve("first.txt")), access.read(r -> dump(r, a + "/first.txt")));

            new Restic(repo).ok("backup", b.toString());

            assertEquals(2, (int) access.read(r -> Snapshots.all(r).size()));
            assertArrayEquals(Files.readAllBytes(b.resolve("second.txt")), access.read(r -> dump(r, b + "/second.txt")));
        }
    }

    /**
     * A cluster node's repository is in use (its index loaded) long before the first request;
     * other nodes' index files written in between must be seen by that first request too.
     */
    @Test
    void read_firstUseAfterOthersWrote_seesTheirIndex() throws Exception {
        Path repo = tmp.resolve("repo");
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        backedUpFirst(repo, a, b);
        try (Repository opened = open(repo)) {
            assertArrayEquals(Files.readAllBytes(a.resolve("first.txt")), dump(opened, a + "/first.txt"));
            new Restic(repo).ok("backup", b.toString());
            RepositoryAccess access = new RepositoryAccess(opened, Clock.systemUTC(), Host.current());
            assertArrayEquals(Files.readAllBytes(b.resolve("second.txt")), access.read(r -> dump(r, b + "/second.txt")));
        }
    }

    @Test
    void open_overlappingLeases_shareOneSharedLock_noneWhenIdle() throws Exception {
        Path repo = tmp.resolve("repo");
        assertEquals(0, Cli.withPassword("-r", repo.toString(), "init").exit());
        try (Repository opened = open(repo)) {
            RepositoryAccess access = new RepositoryAccess(opened, Clock.systemUTC(), Host.current());
            RepositoryAccess.Lease first = access.open();
            assertEquals(1, locks(repo));
            RepositoryAccess.Lease second = access.open();
            assertEquals(1, locks(repo));
            new Restic(repo).ok("snapshots");
            first.close();
            first.close();
            assertEquals(1, locks(repo));
            second.close();
            assertEquals(0, locks(repo));
        }
    }

    static byte[] dump(Repository r, String path) {
        Dumper d = new Dumper(BlobLoader.of(r));
        Selection sel = d.select(Id.parse(Snapshots.find(r, "latest").snapshot().tree()), path);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            d.writeFile(sel, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
