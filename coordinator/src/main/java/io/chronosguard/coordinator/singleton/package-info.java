/** The backup coordinator (a cluster singleton): task queue, leases, bottom-up tree assembly, snapshot. */
package io.chronosguard.coordinator.singleton;
