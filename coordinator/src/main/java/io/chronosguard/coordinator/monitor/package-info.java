/**
 * Per-node monitoring: the node monitor advertises capabilities through the Receptionist and
 * reports the node's status; the alert watcher turns job outcomes, membership changes and low
 * disk into alerts.
 */
package io.chronosguard.coordinator.monitor;
