/**
 * {@code GET /metrics}: Prometheus text format (0.0.4) through Micrometer. Job counts, bytes,
 * files, durations and errors come from finished jobs (on a cluster node, the progress hub's
 * view of the coordinator, read once a second — no extra cluster messages), busy workers and
 * queue length from the same view, repository size from the in-memory index, and the last
 * success per source from the history catalog; all read when scraped, with short caches.
 */
package io.chronosguard.web.metrics;
