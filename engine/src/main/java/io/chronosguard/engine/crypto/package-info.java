/**
 * restic's cryptography: AES-256-CTR with Poly1305-AES (encrypt-then-MAC over the
 * ciphertext), and scrypt key derivation with the parameters new key files get.
 */
package io.chronosguard.engine.crypto;
