package io.chronosguard.engine.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Watches some trees and says when something under them changed. It uses the kernel's
 * notifications ({@link NativeWatch}) and checks every {@code tick} that each root is still
 * the folder it watches: a root that was created, removed, replaced or renamed away restarts
 * the watch and counts as a change. When the kernel refuses (the inotify watch limit,
 * {@code ENOSPC}) it says so once through {@link Listener#fellBack} and compares a fingerprint
 * of each tree (paths, sizes, modification times) every {@code rescanEvery} instead.
 */
public final class TreeWatcher implements AutoCloseable {
    /** Called from the watcher's threads. */
    public interface Listener {
        void changed(Path path);

        default void fellBack(String reason) {
        }
    }

    private final List<Path> roots;
    private final Predicate<Path> excluded;
    private final Listener listener;
    private final NativeWatch nativeWatch;
    private final long rescanTicks;
    private final ScheduledExecutorService timer;
    private final ExecutorService events;
    private final Map<Path, Object> rootKeys = new HashMap<>();
    private final Map<Path, Long> fingerprints = new HashMap<>();
    private AutoCloseable running;
    private boolean rescanning;
    private long ticks;
    private volatile boolean closed;

    private TreeWatcher(List<Path> roots, Predicate<Path> excluded, Listener listener, NativeWatch nativeWatch,
            Duration tick, Duration rescanEvery) {
        this.roots = List.copyOf(roots);
        this.excluded = excluded;
        this.listener = listener;
        this.nativeWatch = nativeWatch;
        this.rescanTicks = Math.max(1, rescanEvery.toMillis() / Math.max(1, tick.toMillis()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "chronosguard-watch-tick"));
        this.events = Executors.newSingleThreadExecutor(r -> daemon(r, "chronosguard-watch"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Starts watching; the kernel watch is set up on the watcher's own thread, so this returns
     * at once (changes made before it is in place are caught by the first backup anyway).
     *
     * @param excluded    changes under paths it accepts are ignored
     * @param tick        how often roots are checked (cheap: one stat each)
     * @param rescanEvery how often whole trees are fingerprinted after a fall-back
     */
    public static TreeWatcher start(List<Path> roots, Predicate<Path> excluded, Listener listener,
            NativeWatch nativeWatch, Duration tick, Duration rescanEvery) {
        TreeWatcher w = new TreeWatcher(roots, excluded, listener, nativeWatch, tick, rescanEvery);
        synchronized (w) {
            w.roots.forEach(r -> w.rootKeys.put(r, keyOf(r)));
        }
        // registering a watch per folder walks the whole tree: on the watcher's thread, not the caller's
        w.timer.execute(() -> {
            synchronized (w) {
                if (!w.closed) {
                    w.startNative();
                }
            }
        });
        w.timer.scheduleWithFixedDelay(w::check, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        return w;
    }

    /** Whether the kernel's notifications could not be used and trees are rescanned instead. */
    public synchronized boolean rescanning() {
        return rescanning;
    }

    /** Whether the kernel watch is in place (false before it is set up, after a fall-back, or with no root present). */
    public synchronized boolean notified() {
        return running != null;
    }

    private void startNative() {
        if (rescanning) {
            return;
        }
        List<Path> present = roots.stream().filter(Files::isDirectory).toList();
        if (present.isEmpty()) {
            return;
        }
        try {
            running = nativeWatch.start(present, this::onChange, this::onDeath, events);
        } catch (IOException | RuntimeException e) {
            fallBack(e);
        }
    }

    private void onChange(Path p) {
        if (!closed && !excluded.test(p)) {
            listener.changed(p);
        }
    }

    /** The watch stopped by itself: a removed root is noticed by the next check; a refused watch falls back. */
    private synchronized void onDeath(Throwable why) {
        if (closed) {
            return;
        }
        if (isWatchLimit(why)) {
            fallBack(why);
        } else {
            running = null;
        }
    }

    private void fallBack(Throwable why) {
        stopNative();
        rescanning = true;
        roots.forEach(r -> fingerprints.put(r, fingerprint(r)));
        listener.fellBack((isWatchLimit(why) ? "the kernel's inotify watch limit is reached"
                + " (raise fs.inotify.max_user_watches)" : "file change notification failed: " + why.getMessage())
                + "; rescanning " + roots.size() + " tree(s) periodically instead");
    }

    static boolean isWatchLimit(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("inotify") || m.contains("no space left") || m.contains("watch limit")) {
                return true;
            }
        }
        return false;
    }

    private synchronized void check() {
        if (closed) {
            return;
        }
        try {
            ticks++;
            boolean rootsMoved = false;
            for (Path r : roots) {
                Object key = keyOf(r);
                if (!Objects.equals(key, rootKeys.put(r, key))) {
                    rootsMoved = true;
                    listener.changed(r);
                }
            }
            if (rescanning) {
                if (ticks % rescanTicks == 0) {
                    rescan();
                }
            } else if (rootsMoved || running == null) {
                stopNative();
                startNative();
            }
        } catch (RuntimeException e) {
            // a tick must never kill the timer; the next one tries again
        }
    }

    private void rescan() {
        for (Path r : roots) {
            long f = fingerprint(r);
            if (!Objects.equals(f, fingerprints.put(r, f))) {
                listener.changed(r);
            }
        }
    }

    private void stopNative() {
        AutoCloseable r = running;
        running = null;
        if (r != null) {
            try {
                r.close();
            } catch (Exception e) {
                // already gone
            }
        }
    }

    /** The root's identity (device+inode), or null when it is missing or not a folder. */
    private static Object keyOf(Path root) {
        try {
            BasicFileAttributes a = Files.readAttributes(root, BasicFileAttributes.class);
            return a.isDirectory() ? a.fileKey() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A hash over every entry's path, size and modification time (0 for a missing root). */
    long fingerprint(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        long[] h = {1};
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(p -> !excluded.test(p)).forEach(p -> {
                long entry = p.hashCode();
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
                            java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    entry = entry * 31 + a.size();
                    entry = entry * 31 + a.lastModifiedTime().toMillis();
                } catch (IOException e) {
                    entry = entry * 31 - 1; // vanished while walking: still a change
                }
                h[0] = h[0] * 1_000_003 + entry;
            });
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
        return h[0];
    }

    public List<Path> roots() {
        return new ArrayList<>(roots);
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            stopNative();
        }
        timer.shutdownNow();
        events.shutdownNow();
    }
}
