/**
 * The backup coordinator (a cluster singleton): task queue, leases, bottom-up tree assembly,
 * snapshot, and the record of every job in the node's history catalog ({@code JobHistory}).
 */
package io.chronosguard.coordinator.singleton;
