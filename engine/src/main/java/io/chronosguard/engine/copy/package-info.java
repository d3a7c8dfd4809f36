/**
 * Copying snapshots from one repository into another, as restic 0.14's {@code copy} does:
 * every tree and data blob the destination lacks is read and verified from the source,
 * then compressed and encrypted again with the destination's key; a snapshot already copied
 * (same original, same fields) is skipped. Source and destination may use any backends and
 * any repository versions: this is the path for replicating to a second cloud.
 */
package io.chronosguard.engine.copy;
