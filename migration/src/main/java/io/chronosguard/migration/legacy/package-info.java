/**
 * Readers for the legacy tool's files ({@code backup_history.json}, {@code backup_status.json},
 * {@code profiles.json}, the Rust rewrite's session JSON), recognised by content and
 * stream-parsed so tens of megabytes cost little memory. A file is either accepted whole, with
 * per-entry skips and warnings, or rejected whole ({@link io.chronosguard.migration.legacy.Rejection}).
 * Nothing here writes anywhere.
 */
package io.chronosguard.migration.legacy;
