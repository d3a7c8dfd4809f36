package io.chronosguard.engine.daemon;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * When each schedule last fired (or was first seen), kept in a small properties file in the
 * state directory, so a restarted coordinator can tell which schedules it missed. Written
 * through a temporary file and a rename, so a crash leaves the old or the new file whole.
 * Null {@code file}: in memory only (tests).
 */
public final class RunLedger {
    private final Path file;
    private final Map<String, Instant> last = new HashMap<>();

    private RunLedger(Path file) {
        this.file = file;
    }

    public static RunLedger inMemory() {
        return new RunLedger(null);
    }

    /** The ledger in {@code file}; a missing file is an empty ledger. */
    public static RunLedger load(Path file) {
        RunLedger l = new RunLedger(file);
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the schedule ledger " + file, e);
            }
            p.stringPropertyNames().forEach(k -> {
                try {
                    l.last.put(k, Instant.ofEpochMilli(Long.parseLong(p.getProperty(k).strip())));
                } catch (NumberFormatException e) {
                    // a damaged line: that schedule counts as new
                }
            });
        }
        return l;
    }

    public synchronized Optional<Instant> last(String key) {
        return Optional.ofNullable(last.get(key));
    }

    public synchronized void record(String key, Instant at) {
        last.put(key, at);
        save();
    }

    private void save() {
        if (file == null) {
            return;
        }
        Properties p = new Properties();
        last.forEach((k, v) -> p.setProperty(k, Long.toString(v.toEpochMilli())));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "ChronosGuard: when each schedule last fired (epoch ms)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the schedule ledger " + file, e);
        }
    }
}
