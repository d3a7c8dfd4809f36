package io.chronosguard.engine.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The SQL of what only cluster runs have: per-directory results and the nodes seen. */
final class ClusterRows {
    private final Dialect dialect;

    ClusterRows(Dialect dialect) {
        this.dialect = dialect;
    }

    void insertDirectories(Connection c, long runId, List<DirectoryResult> results) throws SQLException {
        if (results.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_directories (run_id, path, node, files, bytes,"
                + " status) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (DirectoryResult d : results) {
                ps.setLong(1, runId);
                ps.setString(2, d.path());
                ps.setString(3, d.node());
                ps.setLong(4, d.files());
                ps.setLong(5, d.bytes());
                ps.setString(6, d.status());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    List<DirectoryResult> directories(Connection c, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT path, node, files, bytes, status FROM run_directories"
                + " WHERE run_id = ? ORDER BY id")) {
            ps.setLong(1, runId);
            List<DirectoryResult> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DirectoryResult(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getString(5)));
                }
            }
            return out;
        }
    }

    /** Completes a cluster run; a legacy run or an unknown id is refused. */
    void updateClusterFinish(Connection c, long runId, ClusterRunFinish f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET finished_at = ?, outcome = ?, files_total = ?,"
                + " bytes = ?, data_added = ?, duration_s = ?, snapshot_id = ?, nodes = ?, reassigned_tasks = ?,"
                + " error_count = (SELECT COUNT(*) FROM run_errors WHERE run_id = ?)"
                + " WHERE id = ? AND source = 'chronosguard'")) {
            dialect.setInstant(ps, 1, f.finishedAt());
            ps.setString(2, f.outcome().wire());
            ps.setLong(3, f.files());
            ps.setLong(4, f.bytes());
            ps.setLong(5, f.dataAdded());
            ps.setDouble(6, f.durationSeconds());
            ps.setString(7, f.snapshotId());
            ps.setString(8, RunRows.toJson(f.nodes()));
            ps.setLong(9, f.reassignedTasks());
            ps.setLong(10, runId);
            ps.setLong(11, runId);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("no ChronosGuard run with id " + runId);
            }
        }
    }

    /**
     * Ends run {@code runId} as {@code outcome} if it is still {@code running}, its counts left
     * unknown; returns whether it was.
     */
    boolean abandon(Connection c, long runId, Outcome outcome, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET finished_at = ?, outcome = ?"
                + " WHERE id = ? AND outcome = 'running'")) {
            dialect.setInstant(ps, 1, at);
            ps.setString(2, outcome.wire());
            ps.setLong(3, runId);
            return ps.executeUpdate() == 1;
        }
    }

    void countErrors(Connection c, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET error_count ="
                + " (SELECT COUNT(*) FROM run_errors WHERE run_id = ?) WHERE id = ?")) {
            ps.setLong(1, runId);
            ps.setLong(2, runId);
            ps.executeUpdate();
        }
    }

    void upsertNode(Connection c, String nodeId, String address, String capabilities, Instant seenAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO nodes (node_id, address, capabilities, first_seen,"
                + " last_seen) VALUES (?, ?, ?, ?, ?) ON CONFLICT (node_id) DO UPDATE SET address = excluded.address,"
                + " capabilities = excluded.capabilities, last_seen = excluded.last_seen")) {
            ps.setString(1, nodeId);
            ps.setString(2, address);
            ps.setString(3, capabilities);
            dialect.setInstant(ps, 4, seenAt);
            dialect.setInstant(ps, 5, seenAt);
            ps.executeUpdate();
        }
    }

    List<NodeRecord> nodes(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT node_id, address, capabilities, first_seen, last_seen"
                + " FROM nodes ORDER BY node_id"); ResultSet rs = ps.executeQuery()) {
            List<NodeRecord> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new NodeRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                        dialect.getInstant(rs, "first_seen"), dialect.getInstant(rs, "last_seen")));
            }
            return out;
        }
    }
}
