package io.chronosguard.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server started as a child process for a test (sshd, rclone): its output is drained
 * into memory by a thread, and {@link #await} waits, with a bound, for the line that says it
 * listens. Closing stops it and its children.
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Matcher> ready = new CompletableFuture<>();

    private ServerProcess(Process process, Pattern readyLine) {
        this.process = process;
        Thread t = new Thread(() -> drain(readyLine), "server-output-" + process.pid());
        t.setDaemon(true);
        t.start();
    }

    static ServerProcess start(List<String> command, Pattern readyLine) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ServerProcess(p, readyLine);
    }

    private void drain(Pattern readyLine) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                Matcher m = readyLine.matcher(line);
                if (!ready.isDone() && m.find()) {
                    ready.complete(m);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        ready.completeExceptionally(new IOException("the server exited before it was ready:\n" + output()));
    }

    /** The ready line's match, once the server printed it (within 30 s). */
    Matcher await() throws IOException {
        try {
            return ready.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            close();
            throw new IOException("the server was not ready within 30 s:\n" + output());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Everything it printed so far. */
    String output() {
        return String.join("\n", lines);
    }

    /** SIGKILL to it and its children, waiting (bounded) until it is gone. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops it and the processes it forked (sshd's per-connection children outlive their listener). */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
