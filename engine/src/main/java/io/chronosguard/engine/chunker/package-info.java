/**
 * restic's content-defined chunker: a Rabin fingerprint over a 64-byte window, modulo the
 * repository's irreducible degree-53 polynomial, cuts a file where the low 20 bits of the
 * fingerprint are zero (chunks of 512 KiB to 8 MiB). Cutting exactly as restic does is what
 * makes our blob IDs, and therefore deduplication, match a repository restic wrote.
 */
package io.chronosguard.engine.chunker;
