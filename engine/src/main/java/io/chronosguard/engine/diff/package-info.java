/**
 * Compares two snapshots tree by tree, as restic's {@code diff} does: changes are reported
 * to a listener as they are found (so a huge diff needs no memory for its lines), and the
 * result counts what was added and removed, down to blobs and their sizes. Identical
 * subtree ids are never descended for changes.
 */
package io.chronosguard.engine.diff;
