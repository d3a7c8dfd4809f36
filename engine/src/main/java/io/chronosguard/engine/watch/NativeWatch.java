package io.chronosguard.engine.watch;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Starts a kernel-notified recursive watch of some roots; a seam so tests can stand in for a
 * kernel that has run out of watches.
 */
@FunctionalInterface
public interface NativeWatch {
    /**
     * @param onChange gets each changed path (a root itself after an event overflow)
     * @param onDeath  gets why the watch stopped on its own (a watched root was removed, the
     *                 kernel refused a watch for a new folder)
     * @throws IOException when the watch cannot be set up, e.g. the inotify watch limit
     */
    AutoCloseable start(List<Path> roots, Consumer<Path> onChange, Consumer<Throwable> onDeath, Executor executor)
            throws IOException;

    /** directory-watcher (inotify on Linux through the JDK's WatchService), without file hashing. */
    NativeWatch DIRECTORY_WATCHER = (roots, onChange, onDeath, executor) -> {
        DirectoryWatcher w = DirectoryWatcher.builder().paths(roots).fileHashing(false).listener(e -> {
            if (e.eventType() == DirectoryChangeEvent.EventType.OVERFLOW) {
                onChange.accept(e.rootPath());
            } else if (e.path() != null) {
                onChange.accept(e.path());
            }
        }).build();
        w.watchAsync(executor).whenComplete((v, ex) -> {
            if (!w.isClosed()) {
                onDeath.accept(ex != null ? ex : new IOException("the watch ended"));
            }
        });
        return w::close;
    };
}
