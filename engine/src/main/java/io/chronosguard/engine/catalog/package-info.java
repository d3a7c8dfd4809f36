/**
 * The history catalog: every backup run ChronosGuard makes (from the CLI or the cluster),
 * its errors and per-directory results, the nodes seen, and runs imported from the legacy
 * tool's JSON files, kept in a SQL database. {@link io.chronosguard.engine.catalog.Catalog}
 * opens SQLite (one file in the state directory, the default) or PostgreSQL (shared by nodes
 * on several hosts) through JDBC, runs the Flyway migrations under {@code db/migration} at
 * open, and does every write in one transaction. One schema serves both databases; the few
 * type names that differ are Flyway placeholders filled in by {@code Dialect}.
 */
package io.chronosguard.engine.catalog;
