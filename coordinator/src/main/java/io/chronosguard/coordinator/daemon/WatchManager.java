package io.chronosguard.coordinator.daemon;

import io.chronosguard.config.daemon.Source;
import io.chronosguard.coordinator.protocol.Capabilities;
import io.chronosguard.engine.archiver.Excluder;
import io.chronosguard.engine.daemon.DaemonEvents;
import io.chronosguard.engine.watch.NativeWatch;
import io.chronosguard.engine.watch.TreeWatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One per node: watches every watched source whose paths this node can read, and tells the
 * {@link Scheduler} which sources changed, coalesced to one message per source every
 * {@link #FLUSH}. Follows the configuration at runtime: a source added, changed or removed
 * starts, restarts or stops its watcher. A source starts with one "changed" so that it is
 * backed up once as soon as it is watched.
 */
public final class WatchManager {
    public interface Command {
    }

    private record Configured(Versioned value) implements Command {
    }

    private record Changed(String source) implements Command {
    }

    private record FellBack(String source, String reason) implements Command {
    }

    private enum Flush implements Command { INSTANCE }

    static final Duration FLUSH = Duration.ofMillis(250);
    /** How often roots are checked for being created, removed or replaced. */
    static final Duration ROOT_CHECK = Duration.ofSeconds(1);

    private final ActorContext<Command> ctx;
    private final Capabilities caps;
    private final ActorRef<Scheduler.Command> scheduler;
    private final DaemonEvents events;
    private final Map<String, Source> watched = new HashMap<>();
    private final Map<String, TreeWatcher> watchers = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private long version;

    public static Behavior<Command> create(ActorRef<ConfigReplica.Command> config, Capabilities caps,
            ActorRef<Scheduler.Command> scheduler, DaemonEvents events) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Flush.INSTANCE, FLUSH);
            config.tell(new ConfigReplica.Subscribe(ctx.messageAdapter(Versioned.class, Configured::new)));
            return new WatchManager(ctx, caps, scheduler, events).behavior();
        }));
    }

    private WatchManager(ActorContext<Command> ctx, Capabilities caps, ActorRef<Scheduler.Command> scheduler,
            DaemonEvents events) {
        this.ctx = ctx;
        this.caps = caps;
        this.scheduler = scheduler;
        this.events = events;
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(Configured.class, m -> onConfigured(m.value()))
                .onMessage(Changed.class, m -> {
                    if (watchers.containsKey(m.source())) {
                        dirty.add(m.source());
                    }
                    return Behaviors.same();
                })
                .onMessage(FellBack.class, m -> {
                    ctx.getLog().warn("watch of source {}: {}", m.source(), m.reason());
                    events.watchFellBack(m.source(), m.reason());
                    scheduler.tell(new Scheduler.Watching(m.source(), caps.node(), "rescan", version));
                    return Behaviors.same();
                })
                .onMessageEquals(Flush.INSTANCE, this::flush)
                .onSignal(PostStop.class, s -> {
                    watchers.values().forEach(TreeWatcher::close);
                    return Behaviors.same();
                })
                .build();
    }

    private Behavior<Command> onConfigured(Versioned v) {
        version = v.version();
        Map<String, Source> wanted = new HashMap<>();
        for (Source s : v.config().sources()) {
            if (s.watch() != null && s.paths().stream().allMatch(caps::canRun)) {
                wanted.put(s.name(), s);
            }
        }
        for (String name : List.copyOf(watched.keySet())) {
            if (!watched.get(name).equals(wanted.get(name))) {
                stop(name);
            }
        }
        wanted.forEach((name, s) -> {
            if (!watchers.containsKey(name)) {
                start(s);
            }
        });
        return Behaviors.same();
    }

    private void start(Source s) {
        ActorRef<Command> self = ctx.getSelf();
        Excluder excluder = new Excluder(s.excludes(), false, false);
        Duration rescan = s.watch().delay().multipliedBy(5).compareTo(Duration.ofSeconds(5)) < 0
                ? Duration.ofSeconds(5) : s.watch().delay().multipliedBy(5);
        TreeWatcher w = TreeWatcher.start(s.paths().stream().map(Path::of).toList(), excluder::excludedByPattern,
                new TreeWatcher.Listener() {
                    @Override
                    public void changed(Path path) {
                        self.tell(new Changed(s.name()));
                    }

                    @Override
                    public void fellBack(String reason) {
                        self.tell(new FellBack(s.name(), reason));
                    }
                }, NativeWatch.DIRECTORY_WATCHER, ROOT_CHECK, rescan);
        watched.put(s.name(), s);
        watchers.put(s.name(), w);
        dirty.add(s.name());
        ctx.getLog().info("watching source {} ({}), backup {} ms after the last change", s.name(),
                String.join(", ", s.paths()), s.watch().delay().toMillis());
        scheduler.tell(new Scheduler.Watching(s.name(), caps.node(), w.rescanning() ? "rescan" : "inotify",
                version));
    }

    private void stop(String name) {
        TreeWatcher w = watchers.remove(name);
        watched.remove(name);
        dirty.remove(name);
        if (w != null) {
            w.close();
            ctx.getLog().info("stopped watching source {}", name);
        }
    }

    private Behavior<Command> flush() {
        for (String name : dirty) {
            scheduler.tell(new Scheduler.SourceChanged(name, caps.node(), version));
        }
        dirty.clear();
        return Behaviors.same();
    }
}
