package io.chronosguard.coordinator.monitor;

import io.chronosguard.coordinator.protocol.Capabilities;
import io.chronosguard.coordinator.protocol.CborSerializable;
import io.chronosguard.coordinator.protocol.FolderListing;
import io.chronosguard.coordinator.protocol.NodeProgress;
import io.chronosguard.coordinator.protocol.NodeStatus;
import io.chronosguard.coordinator.protocol.WorkerReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * One per node: registers under {@link #KEY} with the Receptionist so anyone in the cluster
 * finds every node's capabilities, and keeps what the node's workers are doing.
 */
public final class NodeMonitor extends AbstractBehavior<NodeMonitor.Command> {
    public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "chronosguard-node");

    public interface Command {
    }

    /** Cross-node: asks for this node's status. */
    public record GetStatus(ActorRef<NodeStatus> replyTo) implements Command, CborSerializable {
    }

    /** Local: a worker started a task. */
    public record WorkerBusy(String worker, String path) implements Command {
    }

    /** Local: a worker finished (or gave up) its task. */
    public record WorkerIdle(String worker, boolean completed) implements Command {
    }

    /** Local, from a busy worker a few times a second: what it does now (the latest replaces the last). */
    public record WorkerProgress(WorkerReport report) implements Command {
    }

    /** Cross-node, from a progress hub: status, free disk and every worker's latest report. */
    public record GetProgress(ActorRef<NodeProgress> replyTo) implements Command, CborSerializable {
    }

    /** Cross-node, from the API of another node: the folders under {@code path} here, for the picker. */
    public record Browse(String path, ActorRef<FolderListing> replyTo) implements Command, CborSerializable {
    }

    private final Map<String, WorkerReport> reports = new TreeMap<>();
    private final Path disk;
    private final Capabilities caps;
    private final Clock clock;
    private final Instant started;
    private final Map<String, String> busy = new TreeMap<>();
    private long tasksDone;

    /** @param disk where free space is measured (the repository, when it is a local folder) */
    public static Behavior<Command> create(Capabilities caps, Clock clock, Path disk) {
        return Behaviors.setup(ctx -> {
            ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
            return new NodeMonitor(ctx, caps, clock, disk);
        });
    }

    private NodeMonitor(ActorContext<Command> ctx, Capabilities caps, Clock clock, Path disk) {
        super(ctx);
        this.disk = disk;
        this.caps = caps;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(GetStatus.class, this::onGetStatus)
                .onMessage(GetProgress.class, this::onGetProgress)
                .onMessage(Browse.class, m -> {
                    // file system calls off the actor: a slow disk must not hold up progress polls
                    CompletableFuture.runAsync(() -> m.replyTo().tell(Folders.list(caps.node(), m.path())),
                            getContext().getSystem().dispatchers().lookup(DispatcherSelector.blocking()));
                    return this;
                })
                .onMessage(WorkerProgress.class, m -> {
                    if (busy.containsKey(m.report().worker())) { // a report overtaken by WorkerIdle stays ignored
                        reports.put(m.report().worker(), m.report());
                    }
                    return this;
                })
                .onMessage(WorkerBusy.class, m -> {
                    busy.put(m.worker(), m.path());
                    return this;
                })
                .onMessage(WorkerIdle.class, m -> {
                    busy.remove(m.worker());
                    reports.put(m.worker(), WorkerReport.idle(m.worker()));
                    tasksDone += m.completed() ? 1 : 0;
                    return this;
                })
                .build();
    }

    private Behavior<Command> onGetStatus(GetStatus m) {
        m.replyTo().tell(status());
        return this;
    }

    private Behavior<Command> onGetProgress(GetProgress m) {
        List<WorkerReport> ws = new ArrayList<>();
        for (int i = 0; i < caps.workers(); i++) { // every worker, idle ones too, in a stable order
            String name = "worker-" + i;
            ws.add(reports.getOrDefault(name, WorkerReport.idle(name)));
        }
        m.replyTo().tell(new NodeProgress(status(), freeDisk(), ws));
        return this;
    }

    private NodeStatus status() {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return new NodeStatus(caps.withFreeMemory(free),
                Duration.between(started, clock.instant()).toSeconds(), busy.size(), tasksDone,
                List.copyOf(busy.values()), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private long freeDisk() {
        try {
            return disk == null ? -1 : Files.getFileStore(disk).getUsableSpace();
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }
}
