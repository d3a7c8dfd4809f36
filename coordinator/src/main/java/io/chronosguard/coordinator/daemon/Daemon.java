package io.chronosguard.coordinator.daemon;

import io.chronosguard.coordinator.cluster.ClusterNode;
import io.chronosguard.engine.daemon.DaemonEvents;
import io.chronosguard.engine.repo.Host;
import java.nio.file.Path;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * The daemon's actors on one node: its {@link ConfigReplica}, its {@link WatchManager}, and
 * its share of the {@link Scheduler} singleton (which runs on the oldest node, like the
 * backup coordinator).
 *
 * @param config    this node's configuration replica ({@code GET}/{@code PUT /api/config})
 * @param scheduler the scheduler singleton's proxy ({@code GET /api/schedule})
 */
public record Daemon(ActorRef<ConfigReplica.Command> config, ActorRef<Scheduler.Command> scheduler) {

    /**
     * @param stateDir where the last pushed configuration and the schedule ledger are kept
     * @param initial  the config file's daemon configuration at version 1, or {@link Versioned#NONE}
     * @param events   the hooks (alerts, metrics); {@link DaemonEvents#NONE} for none
     */
    public static Daemon start(ClusterNode node, Path stateDir, Versioned initial, DaemonEvents events) {
        ActorRef<ConfigReplica.Command> config = node.system().systemActorOf(ConfigReplica.create(stateDir, initial),
                "daemon-config", Props.empty());
        ActorRef<Scheduler.Command> scheduler = ClusterSingleton.get(node.system()).init(SingletonActor.of(
                Scheduler.create(node.services(), node.coordinator(), config, stateDir, Host.current().hostname(),
                        events), "daemon-scheduler"));
        node.system().systemActorOf(WatchManager.create(config, node.capabilities(), scheduler, events), "watch",
                Props.empty());
        return new Daemon(config, scheduler);
    }
}
