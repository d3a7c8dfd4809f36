/**
 * The ChronosGuard engine: everything one process needs to read and write a repository in
 * the restic format v2. Sub-packages follow restic's domain nouns (crypto, backend, pack,
 * index, repo, restorer, checker). This package holds only the typed, job-fatal errors;
 * the engine has no Pekko imports and knows nothing about terminals or HTTP.
 */
package io.chronosguard.engine;
