/**
 * The SFTP backend: restic's local layout on an SSH server, reached with Apache MINA SSHD
 * (client side), authenticated by key, the server checked against {@code known_hosts}.
 */
package io.chronosguard.engine.backend.sftp;
