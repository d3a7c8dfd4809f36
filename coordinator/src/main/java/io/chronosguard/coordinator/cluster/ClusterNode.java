package io.chronosguard.coordinator.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.chronosguard.config.ClusterTlsSettings;
import io.chronosguard.coordinator.monitor.NodeMonitor;
import io.chronosguard.coordinator.protocol.Capabilities;
import io.chronosguard.coordinator.singleton.BackupCoordinator;
import io.chronosguard.coordinator.singleton.JobHistory;
import io.chronosguard.coordinator.worker.DirectoryWorker;
import io.chronosguard.coordinator.worker.ResultHolder;
import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.IndexSaver;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Host;
import io.chronosguard.engine.repo.Repository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * One running node: its actor system (cluster member on {@code host:port}), its monitor,
 * its directory workers and its handle on the coordinator singleton. Holds a
 * non-exclusive repository lock only while it works on a job ({@link NodeLock}).
 */
public final class ClusterNode implements AutoCloseable {
    public static final String SYSTEM_NAME = "chronosguard";
    static final String BLOCKING = "chronosguard.blocking-dispatcher";
    /** How long the node keeps its lock after its last task or job ended (a next task often follows). */
    static final Duration LOCK_LINGER = Duration.ofSeconds(2);

    private final ActorSystem<Void> system;
    private final NodeServices services;
    private final ActorRef<BackupCoordinator.Command> coordinator;
    private final ActorRef<NodeMonitor.Command> monitor;
    private final CompletableFuture<Void> up = new CompletableFuture<>();
    private final NodeLock lock;
    private final JobHistory history;

    private ClusterNode(ActorSystem<Void> system, NodeServices services, ActorRef<BackupCoordinator.Command> coordinator,
            ActorRef<NodeMonitor.Command> monitor, NodeLock lock, JobHistory history) {
        this.system = system;
        this.services = services;
        this.coordinator = coordinator;
        this.monitor = monitor;
        this.lock = lock;
        this.history = history;
    }

    /** The node's Pekko config: loopback unless told, SBR on, CBOR for cross-node messages, no Java serialization. */
    static Config config(NodeConfig c) {
        return config(c, ClusterTlsSettings.OFF);
    }

    /** The same, over TLS with mutual authentication when {@code tls} is enabled. */
    static Config config(NodeConfig c, ClusterTlsSettings tls) {
        List<String> seeds = new ArrayList<>();
        for (String s : c.seeds()) {
            seeds.add("pekko://" + SYSTEM_NAME + "@" + s);
        }
        Config own = ConfigFactory.parseResources(ClusterNode.class, "node.conf")
                .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(c.host()))
                .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(c.port()))
                .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds))
                .withValue("pekko.cluster.split-brain-resolver.stable-after",
                        ConfigValueFactory.fromAnyRef(c.downAfter().toMillis() + ms()))
                .withValue("pekko.cluster.shutdown-after-unsuccessful-join-seed-nodes",
                        ConfigValueFactory.fromAnyRef(c.joinTimeout().toMillis() + ms()))
                .withValue(BLOCKING + ".thread-pool-executor.fixed-pool-size",
                        ConfigValueFactory.fromAnyRef(c.workers() + 1));
        return ClusterTransport.config(tls).withFallback(own).withFallback(ConfigFactory.load());
    }

    private static String ms() {
        return "ms";
    }

    /**
     * Starts the node and begins joining the cluster; {@link #up()} completes once it is a member.
     *
     * @param catalog opens this node's history catalog, where the coordinator records jobs while
     *                it runs here (opened on first use; closed when the node stops)
     */
    public static ClusterNode start(NodeConfig c, Repository repo, Clock clock, Supplier<Catalog> catalog) {
        return start(c, ClusterTlsSettings.OFF, repo, clock, catalog, Locker.DAEMON);
    }

    /** The same, talking to the other nodes as {@code tls} says (see {@link ClusterTransport}). */
    public static ClusterNode start(NodeConfig c, ClusterTlsSettings tls, Repository repo, Clock clock,
            Supplier<Catalog> catalog) {
        return start(c, tls, repo, clock, catalog, Locker.DAEMON);
    }

    /** As above; {@code lockTimer} runs the lock's refreshes and delayed release (tests drive it). */
    public static ClusterNode start(NodeConfig c, Repository repo, Clock clock, Supplier<Catalog> catalog,
            Locker.Scheduler lockTimer) {
        return start(c, ClusterTlsSettings.OFF, repo, clock, catalog, lockTimer);
    }

    /** The node over {@code tls}, with {@code lockTimer} running its lock's refreshes and delayed release. */
    public static ClusterNode start(NodeConfig c, ClusterTlsSettings tls, Repository repo, Clock clock,
            Supplier<Catalog> catalog, Locker.Scheduler lockTimer) {
        ClusterTransport.verify(tls);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), SYSTEM_NAME, config(c, tls));
        JobHistory history = new JobHistory(catalog);
        try {
            Executor blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig(BLOCKING));
            String self = Cluster.get(system).selfMember().address().toString();
            List<String> flags = new ArrayList<>(List.of(Capabilities.BACKUP_PARALLEL, "encrypt", "monitor",
                    "coordinate"));
            if (repo.version() >= 2 && c.tuning().compression() != BlobSaver.Compression.OFF) {
                flags.add(1, "compress");
            }
            Capabilities caps = new Capabilities(self, c.sourceRoots(), c.repositoryLocation(), true,
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(), c.workers(), flags);
            BlobSaver saver = new BlobSaver(repo, new IndexSaver(repo), c.tuning().packSize(), c.tuning().compression());
            // the chunks of large files: hashed, compressed, sealed and packed while their task reads on
            ExecutorService blobWorkers = Executors.newFixedThreadPool(caps.cores(), r -> {
                Thread t = new Thread(r, "chronosguard-blob");
                t.setDaemon(true);
                return t;
            });
            system.getWhenTerminated().thenRun(blobWorkers::shutdown);
            Locker locker = new Locker(repo, clock, Host.current(), lockTimer);
            NodeLock lock = new NodeLock(() -> locker.lock(false), lockTimer, LOCK_LINGER);
            NodeServices services = new NodeServices(repo, saver, blocking, blobWorkers, caps, clock, c.tuning(),
                    lock);
            ActorRef<NodeMonitor.Command> monitor = system.systemActorOf(NodeMonitor.create(caps, clock, localDisk(c.repositoryLocation())), "monitor",
                    Props.empty());
            ActorRef<BackupCoordinator.Command> coordinator = ClusterSingleton.get(system)
                    .init(SingletonActor.of(BackupCoordinator.create(services, history), "backup-coordinator"));
            ActorRef<ResultHolder.Command> results = system.systemActorOf(ResultHolder.create(coordinator, services),
                    "results", Props.empty());
            for (int i = 0; i < c.workers(); i++) {
                system.systemActorOf(DirectoryWorker.create(coordinator, monitor, results, services), "worker-" + i,
                        Props.empty());
            }
            system.getWhenTerminated().thenRun(lock::close);
            system.getWhenTerminated().thenRun(history::close);
            ClusterNode node = new ClusterNode(system, services, coordinator, monitor, lock, history);
            org.apache.pekko.cluster.Cluster.get(system).registerOnMemberUp(() -> node.up.complete(null));
            return node;
        } catch (RuntimeException e) {
            system.terminate();
            history.close();
            throw e;
        }
    }

    /** The repository's folder when it is local (for the free-disk figure), else null. */
    private static java.nio.file.Path localDisk(String location) {
        try {
            java.nio.file.Path p = java.nio.file.Path.of(location);
            return java.nio.file.Files.exists(p) ? p : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Starts this node's progress hub (the node serving the dashboard does), polling the
     * coordinator and every node monitor every {@code interval}.
     */
    public io.chronosguard.coordinator.progress.ProgressHub startProgressHub(Duration interval) {
        io.chronosguard.coordinator.progress.ProgressHub hub = new io.chronosguard.coordinator.progress.ProgressHub();
        system.systemActorOf(hub.behavior(coordinator, interval, Clock.systemUTC()), "progress-hub", Props.empty());
        return hub;
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public ActorRef<BackupCoordinator.Command> coordinator() {
        return coordinator;
    }

    public ActorRef<NodeMonitor.Command> monitor() {
        return monitor;
    }

    public Capabilities capabilities() {
        return services.capabilities();
    }

    /** What this node's actors share (repository, executors, clock), for actors started beside them. */
    public NodeServices services() {
        return services;
    }

    /** Completes when this node is an Up member of the cluster. */
    public CompletionStage<Void> up() {
        return up;
    }

    /** Completes when the actor system has stopped (after leaving, or after failing to join). */
    public CompletionStage<?> terminated() {
        return system.getWhenTerminated();
    }

    /** Why the node is stopping (for the operator), e.g. it was downed, or asked to leave. */
    public String stopReason() {
        return org.apache.pekko.actor.CoordinatedShutdown.get(system).getShutdownReason()
                .map(Object::toString).orElse("stopped");
    }

    /** Leaves the cluster gracefully (its tasks move to other nodes) and stops; waits up to {@code timeout}. */
    public void leave(Duration timeout) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // leaving is best effort: the others will down us anyway
        }
        // here, not only on termination: in a JVM shutdown hook, an asynchronous callback may never run
        history.close();
        lock.close();
    }

    @Override
    public void close() {
        leave(Duration.ofSeconds(20));
    }
}
