package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code copy --from-repo} across backends, one hop after the other: a local repository into
 * a REST server, that into an SFTP server, that into S3, and S3 back into a local folder.
 * After each hop restic 0.14 checks the destination with {@code --read-data} and restores
 * the copied snapshot byte-exact, and a second copy copies nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkCopyIT {
    @TempDir
    static Path tmp;
    Path src;
    private final RcloneRestServer rest = RcloneRestServer.shared();
    private final SshServer ssh = SshServer.shared();
    private S3Server s3;

    @BeforeAll
    void start() throws Exception {
        s3 = S3Server.start();
        src = tmp.resolve("src");
        Random rnd = new Random(5);
        Files.createDirectories(src.resolve("sub"));
        SourceTree.randomFile(src.resolve("big.bin"), 2L << 20, rnd);
        for (int i = 0; i < 8; i++) {
            Files.writeString(src.resolve("sub/small-" + i + ".txt"), "small " + i + " " + rnd.nextLong() + "\n");
        }
        SourceTree.setTimes(src);
    }

    @AfterAll
    void stop() throws Exception {
        s3.close();
    }

    /** Everything each store needs: REST basic auth, the ssh HOME, the S3 keys, both passwords. */
    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(s3.credentials());
        env.put("CHRONOSGUARD_REST_USERNAME", RcloneRestServer.USER);
        env.put("CHRONOSGUARD_REST_PASSWORD", RcloneRestServer.PASSWORD);
        env.put("HOME", ssh.home().toString());
        env.put("CHRONOSGUARD_PASSWORD", Restic.PASSWORD);
        env.put("CHRONOSGUARD_FROM_PASSWORD", Restic.PASSWORD);
        return env;
    }

    private Cli.Result ok(String... args) {
        Cli.Result r = Cli.run(env(), args);
        assertEquals(0, r.exit(), String.join(" ", args) + ":\n" + r.out() + r.err());
        return r;
    }

    /** A repository on one store: our URL for it and restic pointed at the same place. */
    private record Store(String url, Restic restic) {
    }

    @Test
    void copy_localToRestToSftpToS3ToLocal_eachHopChecksRestoresAndSecondCopySkips() throws IOException {
        Path local = tmp.resolve("local-src");
        Store first = new Store(local.toString(), new Restic(local));
        ok("-r", first.url(), "init");
        ok("-r", first.url(), "backup", src.toString());

        Path sftpPath = tmp.resolve("sftp/copy-dst");
        Store restStore = new Store("rest:" + rest.url() + "network-copy/",
                new Restic(rest.withCredentials("network-copy"), Restic.PASSWORD, List.of(), Map.of()));
        Store sftpStore = new Store(ssh.url(sftpPath), new Restic("sftp:" + ssh.user() + "@127.0.0.1:" + sftpPath,
                Restic.PASSWORD, ssh.resticOptions(), Map.of()));
        Store s3Store = new Store(s3.url("copies", "hop"), new Restic(s3.url("copies", "hop"), Restic.PASSWORD,
                s3.credentials()));
        Path back = tmp.resolve("local-back");
        Store backStore = new Store(back.toString(), new Restic(back));

        Store from = first;
        for (Store to : List.of(restStore, sftpStore, s3Store, backStore)) {
            hop(from, to);
            from = to;
        }
    }

    private void hop(Store from, Store to) throws IOException {
        String ctx = from.url() + " -> " + to.url();
        ok("-r", to.url(), "init");
        Cli.Result copied = ok("-r", to.url(), "copy", "--from-repo", from.url());
        assertTrue(copied.out().contains("copy started"), ctx + ":\n" + copied.out());

        to.restic().ok("check", "--read-data");
        Path target = Files.createTempDirectory(tmp, "restore");
        to.restic().ok("restore", "latest", "--target", target.toString());
        TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));

        Cli.Result again = ok("-r", to.url(), "copy", "--from-repo", from.url());
        assertFalse(again.out().contains("copy started"), ctx + ":\n" + again.out());
        assertTrue(again.out().contains("skipping source snapshot"), ctx + ":\n" + again.out());
        assertEquals(1, to.restic().ok("list", "snapshots").lines().count(), ctx);
    }
}
