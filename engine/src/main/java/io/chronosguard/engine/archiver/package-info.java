/**
 * The archiver: walks source trees with directory tasks (list, read, chunk, store), skips
 * unchanged files against a parent snapshot, assembles trees bottom-up and writes the
 * snapshot last. Plain classes driven by an executor now and by cluster workers later.
 */
package io.chronosguard.engine.archiver;
