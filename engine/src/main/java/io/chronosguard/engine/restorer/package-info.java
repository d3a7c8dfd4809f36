/**
 * Restores a snapshot to a folder: lays out the tree, fills files pack by pack (each pack
 * read once, in parallel, every blob verified), then sets modes, owners and times.
 */
package io.chronosguard.engine.restorer;
