/**
 * Repository statistics over a set of snapshots, in restic's four counting modes: the size
 * a restore would write, unique file contents, unique blobs per file, and the raw data the
 * repository stores (with compression and deduplication ratios).
 */
package io.chronosguard.engine.stats;
