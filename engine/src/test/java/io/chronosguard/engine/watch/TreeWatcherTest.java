package io.chronosguard.engine.watch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeWatcherTest {
    @TempDir
    Path dir;

    private final List<Path> changes = new CopyOnWriteArrayList<>();
    private final List<String> fallBacks = new CopyOnWriteArrayList<>();
    private final TreeWatcher.Listener listener = new TreeWatcher.Listener() {
        @Override
        public void changed(Path path) {
            changes.add(path);
        }

        @Override
        public void fellBack(String reason) {
            fallBacks.add(reason);
        }
    };

    @Test
    void start_fileWrittenInNewSubfolder_reportsIt() throws Exception {
        Path root = Files.createDirectories(dir.resolve("src"));
        try (TreeWatcher w = TreeWatcher.start(List.of(root), p -> false, listener, NativeWatch.DIRECTORY_WATCHER,
                Duration.ofMillis(200), Duration.ofSeconds(1))) {
            await(w::notified);
            Path sub = Files.createDirectories(root.resolve("a/b"));
            await(() -> changes.stream().anyMatch(p -> p.startsWith(root)));
            changes.clear();
            Files.writeString(sub.resolve("f.txt"), "hello");
            await(() -> changes.contains(sub.resolve("f.txt")));
            assertTrue(fallBacks.isEmpty(), fallBacks.toString());
        }
    }

    @Test
    void start_excludedPath_isIgnored() throws Exception {
        Path root = Files.createDirectories(dir.resolve("src"));
        try (TreeWatcher w = TreeWatcher.start(List.of(root), p -> p.toString().endsWith(".tmp"), listener,
                NativeWatch.DIRECTORY_WATCHER, Duration.ofMillis(200), Duration.ofSeconds(1))) {
            await(w::notified);
            Files.writeString(root.resolve("x.tmp"), "ignored");
            Files.writeString(root.resolve("y.txt"), "seen");
            await(() -> changes.contains(root.resolve("y.txt")));
            assertTrue(changes.stream().noneMatch(p -> p.toString().endsWith(".tmp")), changes.toString());
        }
    }

    // the kernel's watch limit (ENOSPC from inotify_add_watch) must not stop continuous backup
    @Test
    void start_watchLimitReached_fallsBackToRescansAndSaysSo() throws Exception {
        Path root = Files.createDirectories(dir.resolve("src"));
        NativeWatch full = (roots, onChange, onDeath, ex) -> {
            throw new IOException("User limit of inotify watches reached");
        };
        try (TreeWatcher w = TreeWatcher.start(List.of(root), p -> false, listener, full, Duration.ofMillis(100),
                Duration.ofMillis(300))) {
            await(w::rescanning);
            assertTrue(fallBacks.get(0).contains("inotify watch limit"), fallBacks.toString());
            Files.writeString(root.resolve("new.txt"), "x");
            await(() -> changes.contains(root));
        }
    }

    // the limit can also be hit later, registering a folder created while watching
    @Test
    void start_watchDiesAtTheLimit_fallsBackToRescans() throws Exception {
        Path root = Files.createDirectories(dir.resolve("src"));
        NativeWatch dies = (roots, onChange, onDeath, ex) -> {
            ex.execute(() -> onDeath.accept(new IOException("User limit of inotify watches reached")));
            return () -> { };
        };
        try (TreeWatcher w = TreeWatcher.start(List.of(root), p -> false, listener, dies, Duration.ofMillis(100),
                Duration.ofMillis(300))) {
            await(w::rescanning);
            Files.writeString(root.resolve("new.txt"), "x");
            await(() -> changes.contains(root));
            assertTrue(fallBacks.size() == 1, fallBacks.toString());
        }
    }

    @Test
    void start_rootCreatedLater_isWatchedOnceItExists() throws Exception {
        Path root = dir.resolve("later");
        try (TreeWatcher w = TreeWatcher.start(List.of(root), p -> false, listener, NativeWatch.DIRECTORY_WATCHER,
                Duration.ofMillis(100), Duration.ofSeconds(1))) {
            Files.createDirectories(root);
            await(() -> changes.contains(root));
            changes.clear();
            // the root check restarts the native watch on its next tick; each poll writes one more file
            int[] i = {0};
            await(() -> {
                try {
                    Files.writeString(root.resolve("f" + i[0]++), "x");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return changes.stream().anyMatch(p -> p.getParent().equals(root));
            });
            assertTrue(changes.stream().anyMatch(p -> p.getParent().equals(root)), changes.toString());
        }
    }

    @Test
    void start_rootRemovedAndRecreated_reportsTheRoot() throws Exception {
        Path root = Files.createDirectories(dir.resolve("src"));
        Files.writeString(root.resolve("a"), "1");
        try (TreeWatcher w = TreeWatcher.start(List.of(root), p -> false, listener, NativeWatch.DIRECTORY_WATCHER,
                Duration.ofMillis(100), Duration.ofSeconds(1))) {
            await(w::notified);
            Files.delete(root.resolve("a"));
            Files.delete(root);
            await(() -> changes.contains(root));
            changes.clear();
            Files.createDirectories(root);
            await(() -> changes.contains(root));
        }
    }

    private static void await(BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 10 s");
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
