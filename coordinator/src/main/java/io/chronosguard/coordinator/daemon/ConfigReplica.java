package io.chronosguard.coordinator.daemon;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import io.chronosguard.config.daemon.DaemonConfig;
import io.chronosguard.config.daemon.DaemonConfigJson;
import io.chronosguard.config.daemon.DaemonConfigParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.LWWRegisterKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;
import org.apache.pekko.pattern.StatusReply;

/**
 * This node's copy of the daemon configuration. The value is a Distributed Data
 * {@link LWWRegister} of the configuration's JSON whose timestamp is its version, so the
 * newest push wins on every node however the gossip runs. At start the node offers what its
 * state directory kept (or its config file's, at version 1): a cluster that restarts
 * entirely comes back with the last pushed configuration. Every change is written to the
 * state directory and handed to the local subscribers (watchers, scheduler).
 */
public final class ConfigReplica {
    public interface Command {
    }

    /** Sets a new configuration (already validated); replies with its version. */
    public record Put(DaemonConfig config, ActorRef<StatusReply<Versioned>> replyTo) implements Command {
    }

    public record Get(ActorRef<Versioned> replyTo) implements Command {
    }

    /** {@code subscriber} gets the current value now and every later one. */
    public record Subscribe(ActorRef<Versioned> subscriber) implements Command {
    }

    private record Changed(Replicator.SubscribeResponse<LWWRegister<String>> response) implements Command {
    }

    private record Updated(Replicator.UpdateResponse<LWWRegister<String>> response, Versioned value,
            ActorRef<StatusReply<Versioned>> replyTo) implements Command {
    }

    static final org.apache.pekko.cluster.ddata.Key<LWWRegister<String>> KEY =
            LWWRegisterKey.create("chronosguard-daemon-config");
    static final String FILE = "daemon-config.json";

    private final ActorContext<Command> ctx;
    private final ReplicatorMessageAdapter<Command, LWWRegister<String>> replicator;
    private final SelfUniqueAddress self;
    private final Path stateFile;
    private final List<ActorRef<Versioned>> subscribers = new ArrayList<>();
    private Versioned current = Versioned.NONE;

    /**
     * @param stateDir where the last configuration is kept
     * @param initial  the config file's configuration (version 1: any push wins over it), or
     *                 {@link Versioned#NONE}; the newer of it and the kept one is offered
     */
    public static Behavior<Command> create(Path stateDir, Versioned initial) {
        return Behaviors.setup(ctx -> DistributedData.withReplicatorMessageAdapter(
                (ReplicatorMessageAdapter<Command, LWWRegister<String>> r) ->
                        new ConfigReplica(ctx, r, stateDir.resolve(FILE)).start(initial)));
    }

    private ConfigReplica(ActorContext<Command> ctx, ReplicatorMessageAdapter<Command, LWWRegister<String>> replicator,
            Path stateFile) {
        this.ctx = ctx;
        this.replicator = replicator;
        this.self = DistributedData.get(ctx.getSystem()).selfUniqueAddress();
        this.stateFile = stateFile;
    }

    private Behavior<Command> start(Versioned initial) {
        Versioned kept = load();
        Versioned offer = kept.version() >= initial.version() ? kept : initial;
        replicator.subscribe(KEY, Changed::new);
        if (offer.version() > 0) {
            adopt(offer);
            write(offer, null);
        }
        return Behaviors.receive(Command.class)
                .onMessage(Put.class, this::onPut)
                .onMessage(Get.class, m -> {
                    m.replyTo().tell(current);
                    return Behaviors.same();
                })
                .onMessage(Subscribe.class, m -> {
                    subscribers.add(m.subscriber());
                    m.subscriber().tell(current);
                    return Behaviors.same();
                })
                .onMessage(Changed.class, this::onChanged)
                .onMessage(Updated.class, this::onUpdated)
                .build();
    }

    private Behavior<Command> onPut(Put m) {
        long version = Math.max(System.currentTimeMillis(), current.version() + 1);
        write(new Versioned(version, m.config()), m.replyTo());
        return Behaviors.same();
    }

    /** Offers {@code v} to the cluster; an older value than the register's changes nothing. */
    private void write(Versioned v, ActorRef<StatusReply<Versioned>> replyTo) {
        String json = DaemonConfigJson.render(v.config());
        LWWRegister.Clock<String> at = (c, value) -> v.version();
        replicator.askUpdate(ask -> new Replicator.Update<>(KEY, LWWRegister.create(self, json, at),
                new Replicator.WriteAll(Duration.ofSeconds(3)), ask,
                reg -> reg.timestamp() >= v.version() ? reg : reg.withValue(self, json, at)),
                r -> new Updated(r, v, replyTo));
    }

    private Behavior<Command> onUpdated(Updated u) {
        // a timeout still wrote locally; gossip carries it to the nodes that did not answer in time
        boolean ok = u.response() instanceof Replicator.UpdateSuccess
                || u.response() instanceof Replicator.UpdateTimeout;
        if (ok) {
            adopt(u.value());
        } else {
            ctx.getLog().warn("daemon configuration {} not stored: {}", u.value().version(), u.response());
        }
        if (u.replyTo() != null) {
            u.replyTo().tell(ok ? StatusReply.success(u.value())
                    : StatusReply.error("the configuration could not be stored: " + u.response()));
        }
        return Behaviors.same();
    }

    private Behavior<Command> onChanged(Changed c) {
        if (c.response() instanceof Replicator.Changed<LWWRegister<String>> ch) {
            LWWRegister<String> reg = ch.get(KEY);
            if (reg.timestamp() > current.version()) {
                try {
                    adopt(new Versioned(reg.timestamp(), DaemonConfigParser.parse(reg.getValue())));
                } catch (IllegalArgumentException e) {
                    ctx.getLog().error("ignored a replicated daemon configuration that does not parse: {}",
                            e.getMessage());
                }
            }
        }
        return Behaviors.same();
    }

    private void adopt(Versioned v) {
        if (v.version() < current.version() || v.equals(current)) {
            return;
        }
        current = v;
        save(v);
        ctx.getLog().info("daemon configuration version {}: {} source(s)", v.version(), v.config().sources().size());
        subscribers.forEach(s -> s.tell(v));
    }

    private Versioned load() {
        if (!Files.isRegularFile(stateFile)) {
            return Versioned.NONE;
        }
        try {
            com.typesafe.config.Config c = ConfigFactory.parseFile(stateFile.toFile());
            return new Versioned(c.getLong("version"), DaemonConfigParser.parse((ConfigObject) c.root().get("config")));
        } catch (RuntimeException e) {
            ctx.getLog().warn("ignored the kept daemon configuration {}: {}", stateFile, e.getMessage());
            return Versioned.NONE;
        }
    }

    /** Through a temporary file and a rename: nodes sharing a state directory never read half a file. */
    private void save(Versioned v) {
        try {
            Files.createDirectories(stateFile.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(stateFile.toAbsolutePath().getParent(), FILE, ".tmp");
            Files.writeString(tmp, "{\"version\":" + v.version() + ",\"config\":" + DaemonConfigJson.render(v.config())
                    + "}\n");
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            ctx.getLog().warn("cannot keep the daemon configuration in {}: {}", stateFile, e.getMessage());
        }
    }
}
