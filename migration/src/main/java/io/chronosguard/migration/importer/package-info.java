/**
 * Turns the files under {@code --from} into one import: every file read and validated first,
 * runs merged by fingerprint, then one all-or-nothing write through a {@link
 * io.chronosguard.migration.importer.RunStore}; plus the report and the verification.
 */
package io.chronosguard.migration.importer;
