/**
 * The daemon: what runs without being asked. {@link
 * io.chronosguard.coordinator.daemon.ConfigReplica} (one per node) holds the daemon
 * configuration as a Distributed Data last-writer-wins register, so a {@code PUT /api/config}
 * on any node reaches every node at runtime, and keeps the last one in the state directory;
 * {@link io.chronosguard.coordinator.daemon.WatchManager} (one per node) watches the sources
 * this node can read and reports changes; {@link io.chronosguard.coordinator.daemon.Scheduler}
 * (a cluster singleton) debounces changes, fires cron schedules, starts jobs through the
 * backup coordinator, applies retention after each run and prunes on its own schedule.
 * {@link io.chronosguard.coordinator.daemon.Daemon} starts them on a node.
 */
package io.chronosguard.coordinator.daemon;
