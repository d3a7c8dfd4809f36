package io.chronosguard.coordinator.monitor;

import io.chronosguard.coordinator.protocol.Capabilities;
import io.chronosguard.coordinator.protocol.CborSerializable;
import io.chronosguard.coordinator.protocol.NodeStatus;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    private final Capabilities caps;
    private final Clock clock;
    private final Instant started;
    private final Map<String, String> busy = new TreeMap<>();
    private long tasksDone;

    public static Behavior<Command> create(Capabilities caps, Clock clock) {
        return Behaviors.setup(ctx -> {
            ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
            return new NodeMonitor(ctx, caps, clock);
        });
    }

    private NodeMonitor(ActorContext<Command> ctx, Capabilities caps, Clock clock) {
        super(ctx);
        this.caps = caps;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(GetStatus.class, this::onGetStatus)
                .onMessage(WorkerBusy.class, m -> {
                    busy.put(m.worker(), m.path());
                    return this;
                })
                .onMessage(WorkerIdle.class, m -> {
                    busy.remove(m.worker());
                    tasksDone += m.completed() ? 1 : 0;
                    return this;
                })
                .build();
    }

    private Behavior<Command> onGetStatus(GetStatus m) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        m.replyTo().tell(new NodeStatus(caps.withFreeMemory(free),
                Duration.between(started, clock.instant()).toSeconds(), busy.size(), tasksDone,
                List.copyOf(busy.values()), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        return this;
    }
}
