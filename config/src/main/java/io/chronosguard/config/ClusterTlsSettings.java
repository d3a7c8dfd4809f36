package io.chronosguard.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Transport security between cluster nodes: Pekko Artery over TLS with mutual authentication.
 * The stores are PKCS#12 or JKS files; their passwords only ever come from the environment
 * ({@code CHRONOSGUARD_TLS_KEYSTORE_PASSWORD}, {@code CHRONOSGUARD_TLS_TRUSTSTORE_PASSWORD}).
 *
 * @param enabled            {@code cluster.tls.enabled}: nodes talk TLS and accept only peers
 *                           whose certificate the truststore trusts
 * @param keystore           {@code cluster.tls.keystore}: this node's key and certificate
 * @param keystorePassword   the keystore's (and its key's) password
 * @param truststore         {@code cluster.tls.truststore}: the certificates (or CA) peers must present
 * @param truststorePassword the truststore's password
 */
public record ClusterTlsSettings(boolean enabled, Optional<Path> keystore, Optional<Secret> keystorePassword,
        Optional<Path> truststore, Optional<Secret> truststorePassword) {

    /** TLS off: the default. */
    public static final ClusterTlsSettings OFF = new ClusterTlsSettings(false, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public ClusterTlsSettings {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(keystorePassword, "keystorePassword");
        Objects.requireNonNull(truststore, "truststore");
        Objects.requireNonNull(truststorePassword, "truststorePassword");
    }
}
