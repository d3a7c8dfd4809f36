/**
 * The repository: the only place that knows how files and blobs are stored (sealed,
 * compressed, named by hash). Creates repositories, opens, writes and removes key files,
 * loads config, index, snapshots and trees, and takes restic-compatible locks.
 */
package io.chronosguard.engine.repo;
