/**
 * Repository checks: structure (indexes, snapshots, trees, blob references) and, on
 * request, every pack's bytes. Findings are typed problems; the checker keeps going.
 */
package io.chronosguard.engine.checker;
