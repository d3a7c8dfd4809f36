package io.chronosguard.cli;

import io.chronosguard.config.BackendLimits;
import io.chronosguard.config.Secret;
import io.chronosguard.config.Settings;
import io.chronosguard.config.SettingsLoader;
import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.backend.BackendOptions;
import io.chronosguard.engine.backend.Backends;
import io.chronosguard.engine.backend.DryRunBackend;
import io.chronosguard.engine.backend.RetryPolicy;
import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.catalog.CatalogException;
import io.chronosguard.engine.repo.Host;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What every command needs from its surroundings: environment, streams, the settings
 * merged from all layers, the password, and an open repository.
 */
public final class CliContext {
    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> flags = new LinkedHashMap<>();
    private final java.util.Set<String> rawOptions = new java.util.LinkedHashSet<>();
    private Optional<Path> configFile = Optional.empty();
    private Settings settings;
    private boolean debug;

    CliContext(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public Map<String, String> env() {
        return env;
    }

    boolean debug() {
        return debug;
    }

    void debug(boolean on) {
        debug = on;
        if (on) {
            flags.put("--debug", "true");
        }
    }

    void configFile(Path p) {
        configFile = Optional.ofNullable(p);
    }

    /** The {@code --config} file, if one was given. */
    Optional<Path> configFile() {
        return configFile;
    }

    /** Records a flag the user gave, for the flag layer of the settings. */
    void flag(String name, Object value) {
        if (value != null) {
            flags.put(name, value.toString());
        }
    }

    /**
     * Records {@code -o KEY=VALUE}s (checked on use). picocli passes the values given so far
     * each time, one list before the subcommand's name and another after it: keep all, once.
     */
    void backendOptions(java.util.List<String> keyValues) {
        rawOptions.addAll(keyValues);
    }

    /** The {@code -o} store options given; one without {@code =} is a usage error naming it. */
    public Map<String, String> storeOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        for (String keyValue : rawOptions) {
            int eq = keyValue.indexOf('=');
            if (eq <= 0) {
                throw new CliException(ExitCode.USAGE, "-o " + keyValue
                        + ": expected KEY=VALUE, e.g. -o sftp.key=/home/me/.ssh/backup_ed25519");
            }
            options.put(keyValue.substring(0, eq), keyValue.substring(eq + 1));
        }
        return options;
    }

    /** The {@code -o} options as given, for node processes started on this one's behalf. */
    java.util.List<String> rawBackendOptions() {
        return java.util.List.copyOf(rawOptions);
    }

    /** The repository location fit to show and send to other nodes: no password in it. */
    public String repositoryLabel() {
        return Backends.redact(repositoryLocation());
    }

    /** Settings from defaults, config file, environment and flags (loaded once). */
    public Settings settings() {
        if (settings == null) {
            settings = SettingsLoader.load(configFile, env, flags);
            debug |= settings.debug();
            Logging.apply(settings.log(), debug, System.console() != null);
        }
        return settings;
    }

    /** The repository location as given (a path or a backend URL), or a usage error saying how to give one. */
    public String repositoryLocation() {
        return settings().repository().orElseThrow(() -> new CliException(ExitCode.USAGE,
                "no repository given: use -r/--repo, set CHRONOSGUARD_REPOSITORY, or put repository in the config file"));
    }

    /** The store the repository location names (local folder or network backend). */
    public Backend openBackend() {
        String location = repositoryLocation();
        try {
            return Backends.open(location, env, storeOptions(), backendOptions());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }

    /**
     * The decorators' settings for every store this process opens (the repository, and the
     * source of {@code copy}): limits and retries from the settings, retry warnings on stderr.
     */
    public BackendOptions backendOptions() {
        BackendLimits l = settings().backend();
        return new BackendOptions(l.uploadKiBs(), l.downloadKiBs(), l.connections(), RetryPolicy.withRetries(l.retries()),
                line -> err.println("chronosguard: warning: " + line));
    }

    /**
     * The disk whose free space matters: the repository's folder when it is local, else the
     * state folder (a network repository's space is not ours to measure).
     */
    public Path diskOfRepository() {
        String location = repositoryLocation();
        return Backends.isLocal(location) ? Backends.localPath(location) : settings().stateDir();
    }

    /** Opens the repository, asking for the password as configured. */
    public Repository openRepository() {
        return openRepository(false);
    }

    /** Opens the repository; with {@code dryRun} every write is dropped. */
    public Repository openRepository(boolean dryRun) {
        Backend backend = openBackend();
        if (dryRun) {
            backend = new DryRunBackend(backend);
        }
        char[] pw = password();
        try {
            return Repository.open(backend, pw);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    /**
     * Opens the history catalog: the {@code catalog} setting, else SQLite in the state
     * folder. A user name and password may be in the URL or in CHRONOSGUARD_CATALOG_USER and
     * CHRONOSGUARD_CATALOG_PASSWORD (environment only, so they never show in {@code ps}).
     *
     * @throws CatalogException when it cannot be opened; the message names the URL without password
     */
    public Catalog openCatalog() {
        Settings s = settings();
        String url = s.catalogUrl().orElseGet(() -> Catalog.defaultUrl(s.stateDir()));
        String pw = env.get("CHRONOSGUARD_CATALOG_PASSWORD");
        char[] password = pw == null || pw.isEmpty() ? null : pw.toCharArray();
        try {
            return Catalog.open(url, env.get("CHRONOSGUARD_CATALOG_USER"), password);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /**
     * A lock on {@code repo} held by this process, refreshed every 5 minutes. If it is lost
     * (removed by {@code restic unlock --remove-all}, or not refreshable until restic would
     * call it stale) the command stops at once with exit 11: going on unlocked could let a
     * prune delete what it writes. Stopping mid-way is safe: see KillBackupIT.
     */
    public Locker.RepoLock lock(Repository repo, boolean exclusive) {
        Locker.RepoLock lock = new Locker(repo, Clock.systemDefaultZone(), Host.current()).lock(exclusive);
        lock.onLost(why -> {
            err.println("error: " + why);
            err.flush();
            Runtime.getRuntime().halt(ExitCode.LOCKED);
        });
        return lock;
    }

    /** From --password-file, then CHRONOSGUARD_PASSWORD, then a prompt on a terminal. */
    char[] password() {
        return password(false);
    }

    /**
     * The password for a repository about to be created: like {@link #password()}, but a
     * terminal prompt asks twice, since a mistyped password would lock the user out for good.
     */
    char[] passwordForNewRepository() {
        return password(true);
    }

    private char[] password(boolean confirm) {
        Settings s = settings();
        if (s.passwordFile().isPresent()) {
            return readPasswordFile(s.passwordFile().get());
        }
        if (s.password().isPresent()) {
            Secret secret = s.password().get();
            if (secret.length() == 0) {
                throw new CliException(ExitCode.USAGE, "CHRONOSGUARD_PASSWORD is set but empty");
            }
            return secret.reveal();
        }
        char[] pw = confirm ? promptTwice("enter password for new repository: ")
                : prompt("enter password for repository: ");
        if (pw != null) {
            return pw;
        }
        throw new CliException(ExitCode.USAGE, "no password given: use --password-file FILE, set CHRONOSGUARD_PASSWORD,"
                + " or run on a terminal to be asked");
    }

    /**
     * The password of a second repository ({@code copy --from-repo}): from {@code file}, else
     * CHRONOSGUARD_FROM_PASSWORD_FILE, else CHRONOSGUARD_FROM_PASSWORD (never a flag value, so
     * never in {@code ps}), else a prompt on a terminal.
     */
    char[] fromPassword(Path file) {
        String envFile = env.get("CHRONOSGUARD_FROM_PASSWORD_FILE");
        if (file != null || envFile != null && !envFile.isEmpty()) {
            return readPasswordFile(file != null ? file : Path.of(envFile));
        }
        String pw = env.get("CHRONOSGUARD_FROM_PASSWORD");
        if (pw != null && !pw.isEmpty()) {
            return pw.toCharArray();
        }
        char[] typed = prompt("enter password for source repository: ");
        if (typed != null) {
            return typed;
        }
        throw new CliException(ExitCode.USAGE, "no password given for the source repository: use --from-password-file"
                + " FILE, set CHRONOSGUARD_FROM_PASSWORD, or run on a terminal to be asked");
    }

    /** A new password for {@code key add} and {@code key passwd}: from {@code file}, else asked twice. */
    char[] newPassword(Path file) {
        if (file != null) {
            return readPasswordFile(file);
        }
        char[] pw = promptTwice("enter new password: ");
        if (pw != null) {
            return pw;
        }
        throw new CliException(ExitCode.USAGE, "no new password given: use --new-password-file FILE,"
                + " or run on a terminal to be asked");
    }

    /** The first line of {@code f}; the message never quotes the file's content. */
    private static char[] readPasswordFile(Path f) {
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            if (line == null || line.isEmpty()) {
                throw new CliException(ExitCode.USAGE, "password file " + f + " is empty");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read password file " + f + ": " + e.getMessage());
        }
    }

    /** Reads a password without echo, or null when there is no terminal (or nothing was typed). */
    private char[] prompt(String text) {
        Console console = System.console();
        if (console == null || in != System.in) {
            return null;
        }
        char[] pw = console.readPassword("%s", text);
        return pw == null || pw.length == 0 ? null : pw;
    }

    /** Asks twice; null without a terminal; a usage error when the two differ. */
    private char[] promptTwice(String text) {
        char[] first = prompt(text);
        if (first == null) {
            return null;
        }
        char[] second = prompt("enter password again: ");
        try {
            if (second == null || !Arrays.equals(first, second)) {
                Arrays.fill(first, '\0');
                throw new CliException(ExitCode.USAGE, "the two passwords typed do not match; nothing was changed");
            }
            return first;
        } finally {
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }
}
