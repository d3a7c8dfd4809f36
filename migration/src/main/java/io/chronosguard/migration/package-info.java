/**
 * Import of the old Python backup tool's JSON files into the history catalog.
 * {@code legacy} reads and maps the files exactly as {@code migration/LEGACY-FORMAT.md} §9
 * says; {@code importer} merges what was read, reports it and commits it in one transaction.
 */
package io.chronosguard.migration;
