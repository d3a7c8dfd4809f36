/**
 * Live progress of the whole cluster for the dashboard: the {@link io.chronosguard.coordinator.progress.ProgressHub}
 * polls the coordinator and every node monitor and publishes one immutable
 * {@link io.chronosguard.coordinator.progress.ClusterProgress}.
 */
package io.chronosguard.coordinator.progress;
