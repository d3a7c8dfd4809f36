package io.chronosguard.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The tests' S3 server (s3proxy, in memory, 127.0.0.1, a free port) as a process of its own
 * for {@code bench/backends.sh}: writes {@code PORT ACCESS_KEY SECRET} to the file given as
 * its argument (mode 600, so the secret is on no command line), and serves until its
 * standard input is closed.
 */
public final class BenchS3Server {
    private BenchS3Server() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        try (S3Server server = S3Server.start()) {
            String secret = server.credentials().get("AWS_SECRET_ACCESS_KEY");
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, server.port() + " " + S3Server.ACCESS_KEY + " " + secret + "\n",
                    StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            while (System.in.read() >= 0) {
                // serve until the script closes our standard input
            }
        }
    }
}
