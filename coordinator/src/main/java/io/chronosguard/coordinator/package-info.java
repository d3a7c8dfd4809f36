/**
 * The cluster side of a distributed backup: Pekko typed actors over the engine. {@code protocol} holds every
 * message that crosses nodes, {@code singleton} the backup coordinator, {@code worker} the directory workers,
 * {@code monitor} the per-node monitor, {@code cluster} the node bootstrap, {@code progress} the live progress hub.
 */
package io.chronosguard.coordinator;
