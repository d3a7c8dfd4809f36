package io.chronosguard.web.node;

import io.chronosguard.coordinator.progress.ClusterProgress;
import io.chronosguard.coordinator.progress.ProgressHub;
import io.chronosguard.coordinator.protocol.Capabilities;
import io.chronosguard.coordinator.protocol.JobProgressView;
import io.chronosguard.coordinator.protocol.NodeProgress;
import io.chronosguard.coordinator.protocol.WorkerReport;
import io.chronosguard.web.dto.JobProgress;
import io.chronosguard.web.dto.NodeStatus;
import io.chronosguard.web.dto.ProgressEvent;
import io.chronosguard.web.dto.ProgressUpdate;
import io.chronosguard.web.dto.WorkerStatus;
import io.chronosguard.web.ws.ProgressSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The web side of the coordinator's {@link ProgressHub}: maps its {@link ClusterProgress} to
 * the dashboard's {@link ProgressUpdate} (here, since web depends on coordinator and not the
 * other way round). The mapping is done once per hub version and cached, so the many polls
 * of connected clients cost a reference read each.
 */
public final class ClusterProgressSource implements ProgressSource {
    private final ProgressHub hub;
    private final String self;
    private final AtomicReference<ProgressUpdate> cached = new AtomicReference<>();

    /** @param self this node's cluster address */
    public ClusterProgressSource(ProgressHub hub, String self) {
        this.hub = hub;
        this.self = self;
    }

    @Override
    public ProgressUpdate current() {
        ClusterProgress p = hub.current();
        ProgressUpdate u = cached.get();
        if (u == null || u.seq() != p.version()) {
            u = map(p, self);
            cached.set(u);
        }
        return u;
    }

    static ProgressUpdate map(ClusterProgress p, String self) {
        List<NodeStatus> nodes = new ArrayList<>();
        NodeStatus me = null;
        for (ClusterProgress.Node n : p.nodes()) {
            NodeStatus s = node(n);
            nodes.add(s);
            if (n.address().equals(self)) {
                me = s;
            }
        }
        if (me == null) {
            me = new NodeStatus(name(self), self, "joining", 0, -1, -1, List.of());
        }
        List<WorkerStatus> workers = new ArrayList<>();
        for (ClusterProgress.Worker w : p.workers()) {
            WorkerReport r = w.report();
            boolean onFile = r.currentFile() != null;
            workers.add(new WorkerStatus(name(w.node()) + "/" + r.worker(), name(w.node()), r.state(), r.currentFile(),
                    r.fileBytesDone(), r.fileBytesTotal(), onFile ? r.fileRate() : r.taskRate()));
        }
        List<ProgressEvent> events = p.events().stream().map(e -> new ProgressEvent(
                Instant.ofEpochMilli(e.timeMillis()).toString(), e.kind(), e.message())).toList();
        JobProgress job = p.job() == null ? null : job(p.job());
        String time = Instant.ofEpochMilli(p.timeMillis() == 0 ? System.currentTimeMillis() : p.timeMillis()).toString();
        return new ProgressUpdate(p.version(), time, state(p.job()), me, job, workers, nodes, events, p.errors(),
                p.log());
    }

    /** {@code idle}, {@code running}, {@code paused}, {@code finished}, {@code stopped} or {@code failed}. */
    static String state(ClusterProgress.Job j) {
        if (j == null) {
            return "idle";
        }
        return switch (j.view().state()) {
            case "finishing" -> "running";
            case "succeeded" -> "finished";
            default -> j.view().state();
        };
    }

    private static JobProgress job(ClusterProgress.Job j) {
        JobProgressView.Job v = j.view();
        return new JobProgress(v.id(), v.paths(), v.lastCompletedDirectory(), v.queue(), j.filesDone(),
                j.filesTotal(), j.bytesDone(), j.bytesTotal(), j.bytesNew(), j.bytesDeduplicated(), j.bytesPerSecond(),
                j.etaSeconds(), j.errors(), v.reassignments());
    }

    private static NodeStatus node(ClusterProgress.Node n) {
        NodeProgress p = n.progress();
        if (p == null) {
            return new NodeStatus(name(n.address()), n.address(), n.status(), 0, -1, -1, List.of());
        }
        Capabilities c = p.status().capabilities();
        List<String> caps = new ArrayList<>(c.flags());
        c.sourceRoots().forEach(r -> caps.add("read:" + r));
        caps.add("workers:" + c.workers());
        caps.add("cores:" + c.cores());
        return new NodeStatus(name(n.address()), n.address(), n.status(), p.status().uptimeSeconds(),
                p.status().loadAverage(), p.freeDiskBytes(), caps);
    }

    /** {@code pekko://chronosguard@127.0.0.1:2552} → {@code 127.0.0.1:2552}. */
    static String name(String address) {
        int at = address.indexOf('@');
        return at < 0 ? address : address.substring(at + 1);
    }
}
