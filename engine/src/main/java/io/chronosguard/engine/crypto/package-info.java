/**
 * restic's cryptography: AES-256-CTR with Poly1305-AES (encrypt-then-MAC over the
 * ciphertext), scrypt key derivation, and the master-key JSON sealed in key files.
 */
package io.chronosguard.engine.crypto;
