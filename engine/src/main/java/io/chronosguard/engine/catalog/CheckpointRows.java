package io.chronosguard.engine.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The SQL of job checkpoints ({@code job_checkpoints}, {@code job_checkpoint}). */
final class CheckpointRows {
    /** A checkpoint's header row. */
    record Header(long runId, String jobId, String repositoryId, String parentSnapshot, long tasks) {
    }

    void start(Connection c, long runId, String jobId, String repositoryId, String parentSnapshot)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO job_checkpoints (run_id, job_id, repository_id,"
                + " parent_snapshot) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, runId);
            ps.setString(2, jobId);
            ps.setString(3, repositoryId);
            ps.setString(4, parentSnapshot);
            ps.executeUpdate();
        }
    }

    void add(Connection c, long runId, List<CheckpointTask> tasks) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO job_checkpoint (run_id, seq, path, slice_from,"
                + " slice_to, node, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (CheckpointTask t : tasks) {
                ps.setLong(1, runId);
                ps.setLong(2, t.seq());
                ps.setString(3, t.path());
                ps.setString(4, t.from());
                ps.setString(5, t.to());
                ps.setString(6, t.node());
                ps.setString(7, t.outcome());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    List<Header> headers(Connection c, String repositoryId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT h.run_id, h.job_id, h.repository_id,"
                + " h.parent_snapshot, (SELECT COUNT(*) FROM job_checkpoint t WHERE t.run_id = h.run_id)"
                + " FROM job_checkpoints h WHERE h.repository_id = ? ORDER BY h.run_id")) {
            ps.setString(1, repositoryId);
            List<Header> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Header(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5)));
                }
            }
            return out;
        }
    }

    List<CheckpointTask> tasks(Connection c, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, path, slice_from, slice_to, node, outcome"
                + " FROM job_checkpoint WHERE run_id = ? ORDER BY seq")) {
            ps.setLong(1, runId);
            List<CheckpointTask> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CheckpointTask(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
            return out;
        }
    }

    void delete(Connection c, long runId) throws SQLException {
        for (String table : List.of("job_checkpoint", "job_checkpoints")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
                ps.setLong(1, runId);
                ps.executeUpdate();
            }
        }
    }

    void setTaskCounts(Connection c, long runId, long reused, long run) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET reused_tasks = ?, tasks_run = ?"
                + " WHERE id = ?")) {
            ps.setLong(1, reused);
            ps.setLong(2, run);
            ps.setLong(3, runId);
            ps.executeUpdate();
        }
    }

    /** {reused, run}, each null when not recorded. */
    Long[] taskCounts(Connection c, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT reused_tasks, tasks_run FROM runs WHERE id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Long[] {null, null};
                }
                long reused = rs.getLong(1);
                boolean reusedNull = rs.wasNull();
                long run = rs.getLong(2);
                return new Long[] {reusedNull ? null : reused, rs.wasNull() ? null : run};
            }
        }
    }
}
