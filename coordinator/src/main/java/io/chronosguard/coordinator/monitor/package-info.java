/** The per-node monitor: advertises capabilities through the Receptionist and reports the node's status. */
package io.chronosguard.coordinator.monitor;
