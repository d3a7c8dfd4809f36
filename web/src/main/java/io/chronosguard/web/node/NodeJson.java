package io.chronosguard.web.node;

import io.chronosguard.coordinator.protocol.Capabilities;
import io.chronosguard.coordinator.protocol.JobView;
import io.chronosguard.coordinator.protocol.NodeStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API's JSON shapes (snake_case), mapped from protocol records rather than exposing them. */
final class NodeJson {
    private NodeJson() {
    }

    static Map<String, Object> capabilities(Capabilities c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", c.node());
        m.put("source_roots", c.sourceRoots());
        m.put("repository", c.repository());
        m.put("repository_reachable", c.repositoryReachable());
        m.put("cores", c.cores());
        m.put("free_memory", c.freeMemory());
        m.put("workers", c.workers());
        m.put("flags", c.flags());
        return m;
    }

    static Map<String, Object> node(NodeStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("capabilities", capabilities(s.capabilities()));
        m.put("uptime_s", s.uptimeSeconds());
        m.put("busy_workers", s.busyWorkers());
        m.put("tasks_done", s.tasksDone());
        m.put("current_paths", s.currentPaths());
        m.put("load_average", s.loadAverage());
        return m;
    }

    static Map<String, Object> job(JobView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.jobId());
        m.put("state", v.state());
        m.put("error", v.error());
        m.put("tasks_done", v.tasksDone());
        m.put("tasks_queued", v.tasksQueued());
        m.put("tasks_running", v.tasksRunning());
        m.put("files", v.files());
        m.put("bytes", v.bytes());
        m.put("tasks_reused", v.tasksReused());
        if (v.resumed() != null) {
            m.put("resumed", v.resumed());
        }
        JobView.Summary s = v.summary();
        if (s != null) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("snapshot_id", s.snapshotId());
            sm.put("files", s.files());
            sm.put("bytes", s.bytes());
            sm.put("data_added", s.dataAdded());
            sm.put("nodes", s.nodes());
            sm.put("reassigned_tasks", s.reassignedTasks());
            sm.put("duration_s", s.durationS());
            sm.put("errors", s.errors());
            m.put("summary", sm);
        }
        return m;
    }
}
