package io.chronosguard.engine.backend;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Tries a failed store call again after a growing, jittered wait ({@link RetryPolicy}), as
 * restic's RetryBackend does: what a dropped connection or a restarting server looks like to
 * the user is a warning line per retry and a backup that carries on. Only transient failures
 * are retried: a missing file, access denied, or a {@link PermanentBackendException} (bad
 * credentials, HTTP 4xx other than 408/429) fails at once. Retrying a save is safe because a
 * store's save is atomic and files are named by their content: the same name always gets the
 * same bytes. A load either returns all its bytes or fails, so a retried load is whole too.
 */
public final class RetryBackend extends ForwardingBackend {
    private final RetryPolicy policy;
    private final BackendClock clock;
    private final DoubleSupplier random;
    private final Consumer<String> warn;
    /**
     * Whether the store has answered any call yet. Until it has, a failure is far more likely
     * a wrong location (a typo in the host, a server not started) than a passing drop, so the
     * user hears of it after {@link #FIRST_CONTACT_ATTEMPTS} quick attempts instead of after
     * the whole retry window; once it has answered, drops are waited out.
     */
    private volatile boolean reached;

    /** Attempts before an unreached store's failure is reported. */
    static final int FIRST_CONTACT_ATTEMPTS = 3;

    public RetryBackend(Backend inner, RetryPolicy policy, Consumer<String> warn) {
        this(inner, policy, BackendClock.SYSTEM, () -> ThreadLocalRandom.current().nextDouble(), warn);
    }

    /** With the clock and the jitter's random draws injected, for tests. */
    public RetryBackend(Backend inner, RetryPolicy policy, BackendClock clock, DoubleSupplier random,
            Consumer<String> warn) {
        super(inner);
        this.policy = policy;
        this.clock = clock;
        this.random = random;
        this.warn = warn;
    }

    /**
     * Whether trying again may help. Permanent: a {@link PermanentBackendException} anywhere in
     * the cause chain, a {@link FileSystemException} (missing, already there, access denied...),
     * and interruption (the user asked to stop). Everything else — refused or reset
     * connections, timeouts, 5xx answers, read errors — is worth another attempt.
     */
    public static boolean isTransient(IOException e) {
        if (Thread.currentThread().isInterrupted() || e instanceof ClosedByInterruptException
                || e.getClass() == InterruptedIOException.class) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PermanentBackendException || isOutOfSpace(t)) {
                return false;
            }
        }
        // the file system's answer about a path (missing, already there, access denied, is a
        // directory, read-only): asking again gets the same answer
        return !(e instanceof FileSystemException);
    }

    /**
     * A full disk or an exhausted quota (the JDK reports ENOSPC/EDQUOT only by the kernel's
     * message): waiting does not free space, and minutes of retries would only hide the one
     * thing the user must do.
     */
    private static boolean isOutOfSpace(Throwable t) {
        String m = t.getMessage();
        return m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"));
    }

    @Override
    public boolean exists() throws IOException {
        return call("check for a repository at " + location(), () -> inner().exists());
    }

    @Override
    public List<String> list(FileType type) throws IOException {
        return call("list " + type.folder(), () -> inner().list(type));
    }

    @Override
    public byte[] load(FileType type, String name) throws IOException {
        return call("load " + what(type, name), () -> inner().load(type, name));
    }

    @Override
    public byte[] load(FileType type, String name, long offset, int length) throws IOException {
        return call("load " + what(type, name) + " (" + length + " bytes at " + offset + ")",
                () -> inner().load(type, name, offset, length));
    }

    @Override
    public long size(FileType type, String name) throws IOException {
        return call("size of " + what(type, name), () -> inner().size(type, name));
    }

    @Override
    public void save(FileType type, String name, byte[] data) throws IOException {
        save(type, name, data, 0, data.length);
    }

    @Override
    public void save(FileType type, String name, byte[] data, int off, int len) throws IOException {
        call("save " + what(type, name), () -> {
            inner().save(type, name, data, off, len);
            return null;
        });
    }

    @Override
    public void remove(FileType type, String name) throws IOException {
        boolean[] retried = new boolean[1];
        call("remove " + what(type, name), () -> {
            try {
                inner().remove(type, name);
            } catch (NoSuchFileException e) {
                // an earlier attempt removed it and only its answer was lost
                if (!retried[0]) {
                    throw e;
                }
            } catch (IOException e) {
                retried[0] = true;
                throw e;
            }
            return null;
        });
    }

    @Override
    public boolean isUnused() throws IOException {
        return call("look at " + location(), () -> inner().isUnused());
    }

    @Override
    public void createLayout() throws IOException {
        call("create the layout at " + location(), () -> {
            inner().createLayout();
            return null;
        });
    }

    private <T> T call(String what, IoCall<T> call) throws IOException {
        long start = clock.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                T result = call.run();
                reached = true;
                return result;
            } catch (IOException e) {
                if (!isTransient(e)) {
                    if (e instanceof FileSystemException) {
                        reached = true; // the store answered, if only to say no
                    }
                    throw e;
                }
                Duration elapsed = Duration.ofNanos(clock.nanoTime() - start);
                Duration wait = policy.delay(attempt, random.getAsDouble());
                boolean unreached = !reached && attempt >= FIRST_CONTACT_ATTEMPTS;
                if (unreached || attempt > policy.maxRetries() || elapsed.plus(wait).compareTo(policy.maxElapsed()) > 0) {
                    if (policy.maxRetries() == 0) {
                        throw e;
                    }
                    throw new IOException(what + " failed after " + attempt + " attempts in " + human(elapsed)
                            + ", giving up: " + e.getMessage(), e);
                }
                if (reached) { // the quick first-contact attempts stay quiet: one line says it all
                    warn.accept("retrying " + what + " in " + human(wait) + " after error: " + e.getMessage()
                            + ", attempt " + (attempt + 1));
                }
                sleep(wait);
            }
        }
    }

    private void sleep(Duration wait) throws InterruptedIOException {
        try {
            clock.sleep(wait);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    /** {@code data/ab12cd34}: a short id is enough to tell files apart in a warning. */
    private static String what(FileType type, String name) {
        if (type == FileType.CONFIG) {
            return "config";
        }
        return type.folder() + "/" + (name.length() > 8 ? name.substring(0, 8) : name);
    }

    /** {@code 850ms}, {@code 1.7s}, {@code 2m05s}. */
    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        return String.format(java.util.Locale.ROOT, "%dm%02ds", ms / 60_000, (ms / 1000) % 60);
    }
}
