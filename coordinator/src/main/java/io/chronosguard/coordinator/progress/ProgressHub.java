package io.chronosguard.coordinator.progress;

import io.chronosguard.coordinator.monitor.NodeMonitor;
import io.chronosguard.coordinator.protocol.JobProgressView;
import io.chronosguard.coordinator.protocol.NodeProgress;
import io.chronosguard.coordinator.protocol.WorkerReport;
import io.chronosguard.coordinator.singleton.BackupCoordinator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Collects the cluster's live progress on one node (the one serving the dashboard): every
 * {@code interval} it polls the coordinator for the job and every node monitor for its
 * workers' latest reports (which workers send their monitor a few times a second), follows
 * membership itself (node joined, left, unreachable), and publishes one immutable
 * {@link ClusterProgress} into an {@link AtomicReference}. Readers (WebSocket clients) only
 * ever read that reference, so none of them can slow a backup; one that connects mid-job
 * reads the whole current state at once.
 */
public final class ProgressHub {
    static final int EVENTS_SHOWN = 60;
    static final int ERRORS_SHOWN = 30;
    static final int LOG_SHOWN = 100;
    static final Duration RATE_WINDOW = Duration.ofSeconds(5);

    private final AtomicReference<ClusterProgress> current = new AtomicReference<>(ClusterProgress.EMPTY);

    public ClusterProgress current() {
        return current.get();
    }

    /** The hub's actor: spawn it once per node that serves progress. */
    public Behavior<Command> behavior(ActorRef<BackupCoordinator.Command> coordinator, Duration interval, Clock clock) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
            ctx.getSystem().receptionist().tell(Receptionist.subscribe(NodeMonitor.KEY,
                    ctx.messageAdapter(Receptionist.Listing.class, Monitors::new)));
            Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(
                    ctx.messageAdapter(ClusterEvent.MemberEvent.class, Membership::new), ClusterEvent.MemberEvent.class));
            Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(
                    ctx.messageAdapter(ClusterEvent.ReachabilityEvent.class, Membership::new),
                    ClusterEvent.ReachabilityEvent.class));
            return new State(ctx, coordinator, interval, clock).behavior();
        }));
    }

    public interface Command {
    }

    private enum Tick implements Command { INSTANCE }

    /** A poll that got no answer in time: the last answer stays. */
    private enum NoAnswer implements Command { INSTANCE }

    private record Monitors(Receptionist.Listing listing) implements Command {
    }

    private record Membership(Object event) implements Command {
    }

    private record FromCoordinator(JobProgressView view) implements Command {
    }

    private record FromMonitor(String address, NodeProgress progress) implements Command {
    }

    private final class State {
        private final ActorContext<Command> ctx;
        private final ActorRef<BackupCoordinator.Command> coordinator;
        private final Duration interval;
        private final Clock clock;
        private Set<ActorRef<NodeMonitor.Command>> monitors = Set.of();
        private final Map<String, String> members = new TreeMap<>();
        private final Map<String, NodeProgress> nodes = new HashMap<>();
        private final Deque<JobProgressView.Event> ownEvents = new ArrayDeque<>();
        private final Deque<long[]> samples = new ArrayDeque<>();
        private String sampledJob;
        private JobProgressView coordinatorView = new JobProgressView(null, List.of(), List.of());
        private long version;

        State(ActorContext<Command> ctx, ActorRef<BackupCoordinator.Command> coordinator, Duration interval,
                Clock clock) {
            this.ctx = ctx;
            this.coordinator = coordinator;
            this.interval = interval;
            this.clock = clock;
            Cluster.get(ctx.getSystem()).state().getMembers().forEach(m -> members.put(address(m), status(m)));
        }

        Behavior<Command> behavior() {
            return Behaviors.receive(Command.class)
                    .onMessageEquals(Tick.INSTANCE, this::poll)
                    .onMessageEquals(NoAnswer.INSTANCE, Behaviors::same)
                    .onMessage(Monitors.class, m -> {
                        monitors = m.listing().getServiceInstances(NodeMonitor.KEY);
                        return Behaviors.same();
                    })
                    .onMessage(Membership.class, this::onMembership)
                    .onMessage(FromCoordinator.class, m -> {
                        coordinatorView = m.view();
                        publish();
                        return Behaviors.same();
                    })
                    .onMessage(FromMonitor.class, m -> {
                        nodes.put(m.address(), m.progress());
                        publish();
                        return Behaviors.same();
                    })
                    .build();
        }

        private Behavior<Command> poll() {
            Duration timeout = interval.multipliedBy(3);
            ctx.ask(JobProgressView.class, coordinator, timeout, BackupCoordinator.GetProgress::new,
                    (v, ex) -> v != null ? new FromCoordinator(v) : NoAnswer.INSTANCE);
            for (ActorRef<NodeMonitor.Command> m : monitors) {
                String address = m.path().address().hasGlobalScope() ? m.path().address().toString()
                        : Cluster.get(ctx.getSystem()).selfMember().address().toString();
                ctx.ask(NodeProgress.class, m, timeout, NodeMonitor.GetProgress::new,
                        (p, ex) -> p != null ? new FromMonitor(address, p) : NoAnswer.INSTANCE);
            }
            return Behaviors.same();
        }

        private Behavior<Command> onMembership(Membership m) {
            String kind = null;
            Member member = null;
            if (m.event() instanceof ClusterEvent.MemberUp e) {
                member = e.member();
                kind = "node-joined";
            } else if (m.event() instanceof ClusterEvent.MemberRemoved e) {
                member = e.member();
                kind = "node-left";
            } else if (m.event() instanceof ClusterEvent.UnreachableMember e) {
                member = e.member();
                kind = "node-unreachable";
            } else if (m.event() instanceof ClusterEvent.ReachableMember e) {
                member = e.member();
                kind = "node-reachable";
            } else if (m.event() instanceof ClusterEvent.MemberEvent e) {
                members.put(address(e.member()), status(e.member()));
            }
            if (member != null) {
                String a = address(member);
                switch (kind) {
                    case "node-left" -> {
                        members.remove(a);
                        nodes.remove(a);
                    }
                    case "node-unreachable" -> members.put(a, "unreachable");
                    default -> members.put(a, "up");
                }
                ownEvents.addLast(new JobProgressView.Event(clock.millis(), kind, "node " + a + " "
                        + kind.substring(5)));
                while (ownEvents.size() > EVENTS_SHOWN) {
                    ownEvents.removeFirst();
                }
                publish();
            }
            return Behaviors.same();
        }

        /** Builds the new value; a reader sees either the old or the new one, whole. */
        private void publish() {
            long now = clock.millis();
            List<ClusterProgress.Worker> workers = new ArrayList<>();
            List<ClusterProgress.Node> nodeList = new ArrayList<>();
            for (Map.Entry<String, String> e : members.entrySet()) {
                NodeProgress p = nodes.get(e.getKey());
                nodeList.add(new ClusterProgress.Node(e.getKey(), e.getValue(), p));
                if (p != null) {
                    p.workers().forEach(w -> workers.add(new ClusterProgress.Worker(e.getKey(), w)));
                }
            }
            ClusterProgress.Job job = job(coordinatorView.job(), workers, now);
            List<JobProgressView.Event> events = new ArrayList<>(coordinatorView.events());
            events.addAll(ownEvents);
            events.sort(Comparator.comparingLong(JobProgressView.Event::timeMillis));
            List<String> errors = events.stream().filter(e -> e.kind().equals("error") || e.kind().equals("job-failed"))
                    .map(JobProgressView.Event::message).toList();
            ClusterProgress last = current.get();
            ClusterProgress next = new ClusterProgress(last.version(), now, job, workers, nodeList,
                    tail(events, EVENTS_SHOWN), tail(errors, ERRORS_SHOWN), tail(coordinatorView.log(), LOG_SHOWN));
            if (!sameContent(last, next)) {
                current.set(new ClusterProgress(++version, now, job, workers, nodeList, next.events(), next.errors(),
                        next.log()));
            }
        }

        private ClusterProgress.Job job(JobProgressView.Job v, List<ClusterProgress.Worker> workers, long now) {
            if (v == null) {
                return null;
            }
            long filesDone = v.filesDone();
            long filesTotal = v.filesDone();
            long bytesDone = v.bytesDone();
            long bytesTotal = v.bytesDone();
            long bytesNew = v.bytesNew();
            long dedup = v.bytesDeduplicated();
            long errors = v.errors();
            boolean live = v.endedMillis() == 0;
            if (live) {
                for (ClusterProgress.Worker w : workers) {
                    WorkerReport r = w.report();
                    if (v.id().equals(r.jobId()) && !WorkerReport.IDLE.equals(r.state())) {
                        filesDone += r.filesDone();
                        filesTotal += r.filesDiscovered();
                        bytesDone += r.bytesDone();
                        bytesTotal += r.bytesDiscovered();
                        bytesNew += r.bytesNew();
                        dedup += r.bytesDeduplicated();
                        errors += r.errors();
                    }
                }
            }
            filesTotal = Math.max(filesTotal, filesDone);
            bytesTotal = Math.max(bytesTotal, bytesDone);
            double rate = live ? rate(v.id(), bytesDone, now)
                    : v.endedMillis() > v.startedMillis() ? bytesDone * 1000.0 / (v.endedMillis() - v.startedMillis())
                    : 0;
            Long eta = live && rate > 0 && v.queued() == 0 ? (long) Math.ceil((bytesTotal - bytesDone) / rate) : null;
            if (live && "paused".equals(v.state())) {
                eta = null;
            }
            return new ClusterProgress.Job(v, filesDone, filesTotal, bytesDone, bytesTotal, bytesNew, dedup, errors,
                    rate, eta);
        }

        /** Bytes per second over the last {@link #RATE_WINDOW} of samples of this job. */
        private double rate(String jobId, long bytesDone, long now) {
            if (!jobId.equals(sampledJob)) {
                samples.clear();
                sampledJob = jobId;
            }
            samples.addLast(new long[] {now, bytesDone});
            while (samples.size() > 2 && samples.peekFirst()[0] < now - RATE_WINDOW.toMillis()) {
                samples.removeFirst();
            }
            long[] first = samples.peekFirst();
            long dt = now - first[0];
            return dt <= 0 ? 0 : Math.max(0, bytesDone - first[1]) * 1000.0 / dt;
        }
    }

    private static boolean sameContent(ClusterProgress a, ClusterProgress b) {
        return Objects.equals(a.job(), b.job()) && a.workers().equals(b.workers()) && a.nodes().equals(b.nodes())
                && a.events().equals(b.events()) && a.log().equals(b.log());
    }

    private static <T> List<T> tail(List<T> l, int n) {
        return List.copyOf(l.size() <= n ? l : l.subList(l.size() - n, l.size()));
    }

    private static String address(Member m) {
        return m.address().toString();
    }

    private static String status(Member m) {
        return m.status().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
