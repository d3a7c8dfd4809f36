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
