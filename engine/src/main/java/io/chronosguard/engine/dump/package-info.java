/**
 * Streams what a snapshot holds to an {@link java.io.OutputStream}: one file's bytes, or a
 * directory as a tar or zip archive. Content goes out blob by blob, so memory stays bounded
 * (one blob plus an 8 MiB cache) whatever the file sizes; the CLI writes to stdout or a file,
 * and the web layer can hand the same stream to an HTTP response.
 */
package io.chronosguard.engine.dump;
