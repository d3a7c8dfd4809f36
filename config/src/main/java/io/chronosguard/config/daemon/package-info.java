/**
 * What the daemon does without being asked: the backup sources (paths, excludes, whether a
 * change starts a backup and after how long, a cron schedule, a retention policy), the prune
 * schedule, and the alert targets (an opaque block, read by the alerts code). Set once in a
 * config file or through {@code PUT /api/config}, validated here with every problem naming
 * its field path ({@code sources[1].schedule: ...}), and applied by every node at runtime.
 */
package io.chronosguard.config.daemon;
