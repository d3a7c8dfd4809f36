package io.chronosguard.engine.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of the catalog's tables and the mapping between their rows and the records. */
final class RunRows {
    static final String INSERT_LEGACY = "INSERT INTO runs (source, started_at, finished_at, outcome, dry_run,"
            + " files_total, bytes, duration_s, error_count, profile, legacy_fingerprint, legacy_raw_json, origin_file)"
            + " VALUES ('legacy', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (legacy_fingerprint) DO NOTHING";
    private static final String SELECT_RUNS = "SELECT id, source, started_at, finished_at, outcome, dry_run,"
            + " files_new, files_changed, files_unmodified, files_total, bytes, data_added, duration_s, snapshot_id,"
            + " host, paths, tags, nodes, reassigned_tasks, error_count, profile, legacy_fingerprint,"
            + " legacy_raw_json, origin_file FROM runs";
    /** Ids per query when loading errors: well under every driver's limit on parameters. */
    private static final int ID_CHUNK = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Dialect dialect;

    RunRows(Dialect dialect) {
        this.dialect = dialect;
    }

    void bindLegacy(PreparedStatement ps, LegacyRun r) throws SQLException {
        dialect.setInstant(ps, 1, r.startedAt());
        dialect.setInstant(ps, 2, r.finishedAt());
        ps.setString(3, r.outcome());
        ps.setBoolean(4, r.dryRun());
        setLong(ps, 5, r.files());
        setLong(ps, 6, r.bytes());
        if (r.durationSeconds() == null) {
            ps.setNull(7, Types.DOUBLE);
        } else {
            ps.setDouble(7, r.durationSeconds());
        }
        setLong(ps, 8, r.errorCount());
        ps.setString(9, r.profile());
        ps.setString(10, r.fingerprint());
        ps.setString(11, r.rawJson());
        ps.setString(12, r.originFile());
    }

    long insertStart(Connection c, RunStart s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (source, started_at, outcome, dry_run, host,"
                + " paths, tags, nodes) VALUES ('chronosguard', ?, 'running', ?, ?, ?, ?, ?) RETURNING id")) {
            dialect.setInstant(ps, 1, s.startedAt());
            ps.setBoolean(2, s.dryRun());
            ps.setString(3, s.host());
            ps.setString(4, toJson(s.paths()));
            ps.setString(5, toJson(s.tags()));
            ps.setString(6, toJson(s.nodes()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void updateFinish(Connection c, long runId, RunFinish f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET finished_at = ?, outcome = ?, files_new = ?,"
                + " files_changed = ?, files_unmodified = ?, files_total = ?, bytes = ?, data_added = ?, duration_s = ?,"
                + " snapshot_id = ?, reassigned_tasks = ?,"
                + " error_count = (SELECT COUNT(*) FROM run_errors WHERE run_id = ?)"
                + " WHERE id = ? AND source = 'chronosguard'")) {
            dialect.setInstant(ps, 1, f.finishedAt());
            ps.setString(2, f.outcome().wire());
            ps.setLong(3, f.filesNew());
            ps.setLong(4, f.filesChanged());
            ps.setLong(5, f.filesUnmodified());
            ps.setLong(6, f.filesNew() + f.filesChanged() + f.filesUnmodified());
            ps.setLong(7, f.bytes());
            ps.setLong(8, f.dataAdded());
            ps.setDouble(9, f.durationSeconds());
            ps.setString(10, f.snapshotId());
            ps.setLong(11, f.reassignedTasks());
            ps.setLong(12, runId);
            ps.setLong(13, runId);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("no ChronosGuard run with id " + runId);
            }
        }
    }

    void insertErrors(Connection c, long runId, List<RunError> errors) throws SQLException {
        if (errors.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_errors (run_id, path, reason) VALUES (?, ?, ?)")) {
            for (RunError e : errors) {
                ps.setLong(1, runId);
                ps.setString(2, e.path());
                ps.setString(3, e.reason());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    List<RunRecord> history(Connection c, HistoryQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT_RUNS).append(where(q)).append(" ORDER BY started_at DESC, id DESC");
        // SQLite accepts OFFSET only after a LIMIT; -1 means no limit there, PostgreSQL takes ALL.
        if (q.limit() > 0) {
            sql.append(" LIMIT ").append(q.limit());
        } else if (q.offset() > 0) {
            sql.append(dialect == Dialect.SQLITE ? " LIMIT -1" : " LIMIT ALL");
        }
        if (q.offset() > 0) {
            sql.append(" OFFSET ").append(q.offset());
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bindWhere(ps, q);
            return withErrors(c, ps);
        }
    }

    long count(Connection c, HistoryQuery q) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM runs" + where(q))) {
            bindWhere(ps, q);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String where(HistoryQuery q) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        if (q.since() != null) {
            sql.append(" AND started_at >= ?");
        }
        if (q.outcome() != null) {
            sql.append(" AND outcome = ?");
        }
        if (q.source() != null) {
            sql.append(" AND source = ?");
        }
        return sql.toString();
    }

    private void bindWhere(PreparedStatement ps, HistoryQuery q) throws SQLException {
        int i = 1;
        if (q.since() != null) {
            dialect.setInstant(ps, i++, q.since());
        }
        if (q.outcome() != null) {
            ps.setString(i++, Outcome.parse(q.outcome()).wire());
        }
        if (q.source() != null) {
            ps.setString(i, RunSource.parse(q.source()).wire());
        }
    }

    Optional<RunRecord> byId(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_RUNS + " WHERE id = ?")) {
            ps.setLong(1, id);
            return withErrors(c, ps).stream().findFirst();
        }
    }

    /** Runs {@code ps}, then loads the errors of the runs it returned, a chunk of ids per query. */
    private List<RunRecord> withErrors(Connection c, PreparedStatement ps) throws SQLException {
        List<RunRecord> runs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                runs.add(partial(rs));
            }
        }
        Map<Long, List<RunError>> errors = errors(c, runs.stream().map(RunRecord::id).toList());
        List<RunRecord> out = new ArrayList<>(runs.size());
        for (RunRecord p : runs) {
            out.add(new RunRecord(p.id(), p.source(), p.startedAt(), p.finishedAt(), p.outcome(), p.dryRun(),
                    p.filesNew(), p.filesChanged(), p.filesUnmodified(), p.files(), p.bytes(), p.dataAdded(),
                    p.durationSeconds(), p.snapshotId(), p.host(), p.paths(), p.tags(), p.nodes(),
                    p.reassignedTasks(), p.errorCount(), p.profile(), p.legacyFingerprint(), p.legacyRawJson(),
                    p.originFile(), errors.getOrDefault(p.id(), List.of())));
        }
        return out;
    }

    private Map<Long, List<RunError>> errors(Connection c, List<Long> ids) throws SQLException {
        Map<Long, List<RunError>> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += ID_CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + ID_CHUNK));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT run_id, path, reason FROM run_errors"
                    + " WHERE run_id IN (" + marks + ") ORDER BY id")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                .add(new RunError(rs.getString(2), rs.getString(3)));
                    }
                }
            }
        }
        return out;
    }

    /** The run on the current row, without its errors. */
    private RunRecord partial(ResultSet rs) throws SQLException {
        return new RunRecord(rs.getLong("id"), rs.getString("source"), dialect.getInstant(rs, "started_at"),
                dialect.getInstant(rs, "finished_at"), rs.getString("outcome"), rs.getBoolean("dry_run"),
                getLong(rs, "files_new"), getLong(rs, "files_changed"), getLong(rs, "files_unmodified"),
                getLong(rs, "files_total"), getLong(rs, "bytes"), getLong(rs, "data_added"),
                getDouble(rs, "duration_s"), rs.getString("snapshot_id"), rs.getString("host"),
                fromJson(rs.getString("paths")), fromJson(rs.getString("tags")), fromJson(rs.getString("nodes")),
                getLong(rs, "reassigned_tasks"), getLong(rs, "error_count"), rs.getString("profile"),
                rs.getString("legacy_fingerprint"), rs.getString("legacy_raw_json"), rs.getString("origin_file"),
                List.of());
    }

    private static void setLong(PreparedStatement ps, int index, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, v);
        }
    }

    private static Long getLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Double getDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    static String toJson(List<String> list) {
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    private static List<String> fromJson(String json) throws SQLException {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new SQLException("a run's list column holds no JSON array of strings: " + json, e);
        }
    }
}
