package io.chronosguard.engine.restorer;

import io.chronosguard.engine.fs.RawNames;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * FIFOs and device nodes, which the JDK cannot create: made with the system's
 * {@code mkfifo} and {@code mknod} (device nodes need root, as for restic).
 */
final class SpecialFiles {
    private SpecialFiles() {
    }

    /**
     * Creates {@code p}. A name that is not valid UTF-8 cannot be passed to a program, so such
     * a node is made under a temporary name in {@code scratch} (on the same file system) and
     * renamed into place.
     */
    static void create(Path p, Node node, Path scratch) throws IOException {
        Files.deleteIfExists(p);
        if (!RawNames.representable(p)) {
            Path tmp = scratch.resolve(".chronosguard-special-" + UUID.randomUUID());
            create(tmp, node, scratch);
            Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        List<String> cmd = new ArrayList<>();
        if (node.type() == NodeType.FIFO) {
            cmd.add("mkfifo");
            cmd.add(p.toString());
        } else {
            long dev = node.device();
            long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
            long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
            cmd.addAll(List.of("mknod", p.toString(), node.type() == NodeType.DEV ? "b" : "c",
                    Long.toString(major), Long.toString(minor)));
        }
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!proc.waitFor(30, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                throw new IOException(cmd.get(0) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (proc.exitValue() != 0) {
            String out = new String(proc.getInputStream().readAllBytes()).trim();
            throw new IOException(cmd.get(0) + " failed: " + out);
        }
    }
}
