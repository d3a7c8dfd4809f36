package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user of a network repository relies on, run against each network backend with a
 * real server: our whole cycle (init, backup, snapshots, restore, check --read-data, forget
 * --prune) leaves a repository restic 0.14 checks and restores byte-exact; what restic
 * writes at the same server we list, restore and check; a refused credential or a server
 * nobody answers at gives one line naming the location, a non-zero exit, at once.
 */
abstract class NetworkRepositoryContract {
    @TempDir
    Path tmp;

    /** Our location of the repository called {@code name} on the server. */
    protected abstract String location(String name);

    /** The environment our CLI runs with (credentials, HOME), beside the repository password. */
    protected abstract Map<String, String> env();

    /** Our {@code -o} options, if any. */
    protected List<String> options() {
        return List.of();
    }

    /** restic at the repository {@code name} on the same server. */
    protected abstract Restic restic(String name);

    /** Our CLI with a credential the server refuses, at repository {@code name}: the args before the command. */
    protected abstract Cli.Result runWithWrongCredential(String name, String... command);

    /** A location where no server listens (a closed port on 127.0.0.1). */
    protected abstract String unreachableLocation() throws IOException;

    /** What the error line names the location as (no secret in it). */
    protected abstract String displayed(String name);

    /** A secret that must never show in our output. */
    protected abstract String secret();

    Cli.Result ours(String location, String... command) {
        Map<String, String> e = new HashMap<>(env());
        e.put("CHRONOSGUARD_PASSWORD", Restic.PASSWORD);
        List<String> args = new ArrayList<>(List.of("-r", location));
        for (String o : options()) {
            args.addAll(List.of("-o", o));
        }
        args.addAll(List.of(command));
        return Cli.run(e, args.toArray(String[]::new));
    }

    Cli.Result ok(String location, String... command) {
        Cli.Result r = ours(location, command);
        assertEquals(0, r.exit(), () -> String.join(" ", command) + ": " + r.out() + r.err());
        assertFalse(r.out().contains(secret()) || r.err().contains(secret()), "the secret shows: " + r.out() + r.err());
        return r;
    }

    /** A small tree: a file of several chunks, an empty file, a symlink, a subfolder. */
    static Path smallTree(Path root, long seed) throws IOException {
        Files.createDirectories(root.resolve("sub/deeper"));
        byte[] big = new byte[3 << 20];
        new Random(seed).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        Files.createFile(root.resolve("empty.txt"));
        Files.writeString(root.resolve("sub/notes.txt"), "notes " + seed + "\n", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("sub/deeper/leaf.txt"), "leaf\n", StandardCharsets.UTF_8);
        Files.createSymbolicLink(root.resolve("link"), Path.of("sub/notes.txt"));
        return root;
    }

    @Test
    void ourCycle_resticChecksAndRestoresByteExact() throws IOException {
        Path src = smallTree(tmp.resolve("src"), 1);
        String repo = location("ours");
        ok(repo, "init");
        ok(repo, "backup", src.toString());
        Files.writeString(src.resolve("sub/notes.txt"), "changed\n", StandardCharsets.UTF_8);
        ok(repo, "backup", src.toString());
        assertTrue(ok(repo, "snapshots").out().contains("2 snapshots"), "two snapshots listed");
        Path mine = tmp.resolve("restored-ours");
        ok(repo, "restore", "latest", "--target", mine.toString());
        TreeAssert.assertSameTree(src, mine.resolve(src.toString().substring(1)));
        ok(repo, "check", "--read-data");
        ok(repo, "forget", "--keep-last", "1", "--prune");
        assertTrue(ok(repo, "snapshots").out().contains("1 snapshot"), "one snapshot left");

        Restic restic = restic("ours");
        restic.ok("check", "--read-data");
        Path theirs = tmp.resolve("restored-restic");
        restic.ok("restore", "latest", "--target", theirs.toString());
        TreeAssert.assertSameTree(src, theirs.resolve(src.toString().substring(1)));
    }

    @Test
    void resticsRepository_weListRestoreAndCheck() throws IOException {
        Path src = smallTree(tmp.resolve("src-restic"), 2);
        Restic restic = restic("theirs");
        restic.ok("init");
        restic.ok("backup", src.toString());
        String repo = location("theirs");
        JsonNode snaps = BackupIT.JSON.readTree(ok(repo, "snapshots", "--json").out());
        assertEquals(1, snaps.size(), snaps.toString());
        Path target = tmp.resolve("restored-theirs");
        ok(repo, "restore", "latest", "--target", target.toString());
        TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));
        ok(repo, "check", "--read-data");
    }

    @Test
    void wrongCredential_oneLineNamingTheLocation() {
        restic("guarded").ok("init");
        Cli.Result r = runWithWrongCredential("guarded", "snapshots");
        assertOneLineError(r, displayed("guarded"));
    }

    @Test
    void unreachableServer_oneLineAtOnce() throws IOException {
        String where = unreachableLocation();
        long start = System.nanoTime();
        Cli.Result r = ours(where, "snapshots");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertOneLineError(r, "cannot connect to 127.0.0.1:");
        assertTrue(seconds < 10, "took " + seconds + " s");
    }

    void assertOneLineError(Cli.Result r, String mustContain) {
        assertEquals(15, r.exit(), "exit code (I/O error): " + r.out() + r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line, no stack trace: " + err);
        assertTrue(err.startsWith("chronosguard: ") && err.contains(mustContain), err);
        assertFalse(err.contains(secret()), "the secret shows: " + err);
    }
}
