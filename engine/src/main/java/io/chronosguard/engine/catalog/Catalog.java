package io.chronosguard.engine.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The history catalog: runs, their errors and per-directory results, nodes, and imported
 * legacy runs, in SQLite or PostgreSQL. Opening runs the schema migrations; every write is
 * one transaction; one instance may be shared by any number of threads (connections come
 * from a small pool). Failures are {@link CatalogException}s whose message names the
 * database by its URL without the password.
 */
public final class Catalog implements AutoCloseable {
    private final String redactedUrl;
    private final HikariDataSource pool;
    private final RunRows rows;
    private final ClusterRows cluster;
    private final CheckpointRows checkpoints = new CheckpointRows();

    private Catalog(Dialect dialect, String redactedUrl, HikariDataSource pool) {
        this.redactedUrl = redactedUrl;
        this.pool = pool;
        this.rows = new RunRows(dialect);
        this.cluster = new ClusterRows(dialect);
    }

    /** Opens the catalog at {@code jdbcUrl}, credentials (if any) in the URL. */
    public static Catalog open(String jdbcUrl) {
        return open(jdbcUrl, null, null);
    }

    /**
     * Opens the catalog at {@code jdbcUrl} ({@code jdbc:sqlite:/path/catalog.db} or
     * {@code jdbc:postgresql://host:port/db}) and brings its schema up to date.
     *
     * @param user     user name, or null for the URL's (or the driver's default)
     * @param password password, or null for the URL's; the caller may clear the array afterwards
     */
    public static Catalog open(String jdbcUrl, String user, char[] password) {
        Dialect dialect = Dialect.of(jdbcUrl);
        String redacted = Redaction.url(jdbcUrl);
        Properties props = dialect.connectionProperties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", new String(password));
        }
        // A plain connection first: its failure is the driver's own one-line reason, where a
        // pool's would be a timeout with an error logged on the way.
        boolean current;
        try (Connection probe = DriverManager.getConnection(jdbcUrl, props)) {
            probe.isValid(5);
            current = schemaIsCurrent(probe);
        } catch (SQLException e) {
            throw new CatalogException("cannot open catalog " + redacted + ": " + Redaction.oneLine(e), e);
        }
        HikariDataSource pool = pool(jdbcUrl, dialect, props);
        try {
            if (!current) {
                migrate(pool, dialect);
            }
        } catch (FlywayException e) {
            pool.close();
            throw new CatalogException("cannot update the schema of catalog " + redacted + ": "
                    + Redaction.oneLine(e), e);
        }
        return new Catalog(dialect, redacted, pool);
    }

    /**
     * The newest version among the scripts in {@code db/migration}; {@code CatalogTest} checks
     * that it matches them. A catalog already at this version opens without starting Flyway,
     * whose start-up (class-path scanning) would cost every backup a noticeable fraction of a
     * second.
     */
    static final int SCHEMA_VERSION = 2;

    /** True when Flyway has already applied {@link #SCHEMA_VERSION} successfully. */
    private static boolean schemaIsCurrent(Connection c) {
        try (var st = c.createStatement();
                var rs = st.executeQuery("SELECT version FROM flyway_schema_history WHERE success")) {
            int newest = 0;
            while (rs.next()) {
                String v = rs.getString(1);
                if (v != null && v.matches("\\d+")) {
                    newest = Math.max(newest, Integer.parseInt(v));
                }
            }
            return newest == SCHEMA_VERSION;
        } catch (SQLException noHistoryYet) {
            return false;
        }
    }

    /** Brings the schema up to date (Flyway; the versioned scripts are in {@code db/migration}). */
    private static void migrate(HikariDataSource pool, Dialect dialect) {
        Flyway.configure(Catalog.class.getClassLoader())
                // Through SLF4J like the rest of ChronosGuard (the CLI logs warnings only), not
                // to the console via java.util.logging, which Flyway picks without an SLF4J binding.
                .loggers("slf4j")
                .dataSource(pool)
                .locations("classpath:db/migration")
                .placeholders(dialect.placeholders())
                .load()
                .migrate();
    }

    private static HikariDataSource pool(String jdbcUrl, Dialect dialect, Properties props) {
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("catalog");
        cfg.setJdbcUrl(jdbcUrl);
        cfg.setDataSourceProperties(props);
        cfg.setMaximumPoolSize(dialect.poolSize());
        cfg.setMinimumIdle(1);
        cfg.setConnectionTimeout(15_000);
        return new HikariDataSource(cfg);
    }

    /** {@code jdbc:sqlite:<stateDir>/catalog.db}, creating {@code stateDir} when missing. */
    public static String defaultUrl(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new CatalogException("cannot create state directory " + stateDir + " for the catalog: " + e, e);
        }
        return "jdbc:sqlite:" + stateDir.toAbsolutePath().resolve("catalog.db");
    }

    /** The database, named by its URL with the password blanked out. */
    public String describe() {
        return redactedUrl;
    }

    /**
     * Stores legacy runs in one transaction: all of them or, when any fails, none. A run
     * whose fingerprint is already stored, or that repeats an earlier one in {@code runs},
     * stores nothing and counts as a duplicate.
     */
    public ImportOutcome importLegacy(List<LegacyRun> runs) {
        return transaction("import legacy runs", c -> {
            int inserted = 0;
            try (PreparedStatement ps = c.prepareStatement(RunRows.INSERT_LEGACY)) {
                for (int i = 0; i < runs.size(); i++) {
                    LegacyRun run = runs.get(i);
                    try {
                        rows.bindLegacy(ps, run);
                        inserted += ps.executeUpdate();
                    } catch (SQLException e) {
                        throw new SQLException("legacy run " + (i + 1) + " of " + runs.size() + " (fingerprint "
                                + run.fingerprint() + "): " + Redaction.oneLine(e), e);
                    }
                }
            }
            return new ImportOutcome(inserted, runs.size() - inserted);
        });
    }

    /** Every fingerprint of a stored legacy run. */
    public Set<String> legacyFingerprints() {
        return read("read legacy fingerprints", c -> {
            Set<String> out = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT legacy_fingerprint FROM runs WHERE legacy_fingerprint IS NOT NULL");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** Runs matching {@code query}, newest first, each with its errors. */
    public List<RunRecord> history(HistoryQuery query) {
        return read("read the run history", c -> rows.history(c, query));
    }

    /** How many runs match {@code query}'s filters (its limit and offset aside), for paging. */
    public long count(HistoryQuery query) {
        return read("count runs", c -> rows.count(c, query));
    }

    /** One run by id. */
    public Optional<RunRecord> run(long id) {
        return read("read run " + id, c -> rows.byId(c, id));
    }

    /** Records the start of a ChronosGuard run (outcome {@code running}); returns its id. */
    public long startRun(RunStart start) {
        return transaction("record the start of a run", c -> rows.insertStart(c, start));
    }

    /** Adds errors to run {@code runId} as they happen (a cluster run reports them from many nodes). */
    public void addErrors(long runId, List<RunError> errors) {
        transaction("record errors of run " + runId, c -> {
            rows.insertErrors(c, runId, errors);
            return null;
        });
    }

    /** Completes run {@code runId} with its outcome, counts and remaining errors. */
    public void finishRun(long runId, RunFinish finish) {
        transaction("record the end of run " + runId, c -> {
            rows.insertErrors(c, runId, finish.errors());
            rows.updateFinish(c, runId, finish);
            return null;
        });
    }

    /**
     * Completes cluster run {@code runId}: its remaining errors and directory results, the
     * nodes it used, outcome and counts, in one transaction.
     */
    public void finishClusterRun(long runId, ClusterRunFinish finish) {
        transaction("record the end of run " + runId, c -> {
            rows.insertErrors(c, runId, finish.errors());
            cluster.insertDirectories(c, runId, finish.directories());
            cluster.updateClusterFinish(c, runId, finish);
            return null;
        });
    }

    /**
     * Ends run {@code runId} as {@code outcome} with {@code reason} as its error, if it is still
     * {@code running} (a run whose process or coordinator died before recording its end); its
     * counts stay unknown. Returns whether the run was still running.
     */
    public boolean abandonRun(long runId, Outcome outcome, Instant at, String reason) {
        if (outcome == Outcome.RUNNING) {
            throw new IllegalArgumentException("an abandoned run cannot stay running");
        }
        return transaction("record the end of run " + runId, c -> {
            if (!cluster.abandon(c, runId, outcome, at)) {
                return false;
            }
            rows.insertErrors(c, runId, List.of(new RunError(null, reason)));
            cluster.countErrors(c, runId);
            return true;
        });
    }

    /** Adds per-directory results of a cluster run. */
    public void addDirectoryResults(long runId, List<DirectoryResult> results) {
        transaction("record directory results of run " + runId, c -> {
            cluster.insertDirectories(c, runId, results);
            return null;
        });
    }

    /** The per-directory results of run {@code runId}, in the order recorded. */
    public List<DirectoryResult> directoryResults(long runId) {
        return read("read directory results of run " + runId, c -> cluster.directories(c, runId));
    }

    /** Records that node {@code nodeId} was seen at {@code seenAt} with this address and capabilities. */
    public void upsertNode(String nodeId, String address, String capabilitiesJson, Instant seenAt) {
        transaction("record node " + nodeId, c -> {
            cluster.upsertNode(c, nodeId, address, capabilitiesJson, seenAt);
            return null;
        });
    }

    /** Every node seen, by id. */
    public List<NodeRecord> nodes() {
        return read("read nodes", cluster::nodes);
    }

    /** Starts the checkpoint of cluster run {@code runId}: job {@code jobId} on repository {@code repositoryId}. */
    public void startCheckpoint(long runId, String jobId, String repositoryId, String parentSnapshot) {
        transaction("start the checkpoint of run " + runId, c -> {
            checkpoints.start(c, runId, jobId, repositoryId, parentSnapshot);
            return null;
        });
    }

    /** Adds finished tasks to run {@code runId}'s checkpoint, all or none. */
    public void addCheckpointTasks(long runId, List<CheckpointTask> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        transaction("record finished tasks of run " + runId, c -> {
            checkpoints.add(c, runId, tasks);
            return null;
        });
    }

    /** Every checkpoint kept for repository {@code repositoryId}, oldest run first, each with its run. */
    public List<Checkpoint> checkpoints(String repositoryId) {
        return read("read job checkpoints", c -> {
            List<Checkpoint> out = new java.util.ArrayList<>();
            for (CheckpointRows.Header h : checkpoints.headers(c, repositoryId)) {
                Optional<RunRecord> run = rows.byId(c, h.runId());
                run.ifPresent(r -> out.add(new Checkpoint(r, h.jobId(), h.repositoryId(), h.parentSnapshot(),
                        h.tasks())));
            }
            return out;
        });
    }

    /** The finished tasks in run {@code runId}'s checkpoint, in the order they were accepted. */
    public List<CheckpointTask> checkpointTasks(long runId) {
        return read("read the checkpoint of run " + runId, c -> checkpoints.tasks(c, runId));
    }

    /** Deletes run {@code runId}'s checkpoint (its job ended, or it is too old to resume). */
    public void deleteCheckpoint(long runId) {
        transaction("delete the checkpoint of run " + runId, c -> {
            checkpoints.delete(c, runId);
            return null;
        });
    }

    /** Records how many of run {@code runId}'s tasks were reused from a checkpoint and how many were run. */
    public void recordTaskCounts(long runId, long reused, long run) {
        transaction("record the task counts of run " + runId, c -> {
            checkpoints.setTaskCounts(c, runId, reused, run);
            return null;
        });
    }

    /** Run {@code runId}'s task counts: {reused, run}, each null when not recorded. */
    public Long[] taskCounts(long runId) {
        return read("read the task counts of run " + runId, c -> checkpoints.taskCounts(c, runId));
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Work on one connection that may throw {@link SQLException}. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T transaction(String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private <T> T read(String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private CatalogException failure(String what, SQLException e) {
        return new CatalogException("cannot " + what + " in catalog " + redactedUrl + ": " + Redaction.oneLine(e), e);
    }
}
