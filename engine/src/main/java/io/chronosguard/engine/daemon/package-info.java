/**
 * What the daemon reports and does beyond one backup: {@link
 * io.chronosguard.engine.daemon.DaemonEvents} (missed schedules, failed jobs, snapshots made,
 * retention, watcher fall-backs; hooks defaulting to no-ops, for alerts and metrics) and
 * {@link io.chronosguard.engine.daemon.SourceRetention}, a source's retention policy applied
 * to its snapshots.
 */
package io.chronosguard.engine.daemon;
