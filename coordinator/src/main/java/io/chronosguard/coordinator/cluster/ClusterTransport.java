package io.chronosguard.coordinator.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.chronosguard.config.ClusterTlsSettings;
import io.chronosguard.config.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * How nodes talk to each other: plain TCP (the default), or with {@code cluster.tls.enabled}
 * Artery's {@code tls-tcp} transport with mutual authentication, so only a node presenting a
 * certificate the truststore trusts can connect, join or send a message.
 */
public final class ClusterTransport {
    static final String SSL = "pekko.remote.artery.ssl.config-ssl-engine.";

    private ClusterTransport() {
    }

    /**
     * Checks the stores before Pekko sees them: Pekko would fail on the first connection with
     * a stack trace, we fail at start with one line naming the setting.
     *
     * @throws IllegalArgumentException naming the setting that is missing or cannot be opened
     */
    public static void verify(ClusterTlsSettings tls) {
        if (!tls.enabled()) {
            return;
        }
        KeyStore keys = open("cluster.tls.keystore", "CHRONOSGUARD_TLS_KEYSTORE", tls.keystore(),
                tls.keystorePassword(), "CHRONOSGUARD_TLS_KEYSTORE_PASSWORD");
        KeyStore trust = open("cluster.tls.truststore", "CHRONOSGUARD_TLS_TRUSTSTORE", tls.truststore(),
                tls.truststorePassword(), "CHRONOSGUARD_TLS_TRUSTSTORE_PASSWORD");
        try {
            boolean hasKey = false;
            for (String alias : Collections.list(keys.aliases())) {
                hasKey |= keys.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new IllegalArgumentException("cluster.tls.keystore " + tls.keystore().get()
                        + " holds no private key (it must hold this node's key and certificate)");
            }
            if (trust.size() == 0) {
                throw new IllegalArgumentException("cluster.tls.truststore " + tls.truststore().get()
                        + " holds no certificate");
            }
        } catch (java.security.KeyStoreException e) {
            throw new IllegalArgumentException("cluster.tls.keystore: " + e.getMessage(), e);
        }
    }

    private static KeyStore open(String key, String env, Optional<Path> file, Optional<Secret> password,
            String passwordEnv) {
        Path path = file.orElseThrow(() -> new IllegalArgumentException(key + " is not set (cluster.tls.enabled"
                + " is on): set it in the config file or " + env));
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException(key + " " + path + ": no such readable file");
        }
        Secret secret = password.orElseThrow(() -> new IllegalArgumentException(key + " " + path
                + ": its password is not set (set " + passwordEnv + ")"));
        char[] pw = secret.reveal();
        try {
            return KeyStore.getInstance(path.toFile(), pw);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " " + path + ": cannot open it with " + passwordEnv
                    + " (wrong password, or not a PKCS#12/JKS keystore)");
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    /** The Artery settings for {@code tls}; an empty config when TLS is off. */
    static Config config(ClusterTlsSettings tls) {
        if (!tls.enabled()) {
            return ConfigFactory.empty();
        }
        String keyPw = new String(tls.keystorePassword().orElseThrow().reveal());
        String trustPw = new String(tls.truststorePassword().orElseThrow().reveal());
        return ConfigFactory.empty()
                .withValue("pekko.remote.artery.transport", ConfigValueFactory.fromAnyRef("tls-tcp"))
                .withValue("pekko.remote.artery.ssl.ssl-engine-provider",
                        ConfigValueFactory.fromAnyRef("org.apache.pekko.remote.artery.tcp.ConfigSSLEngineProvider"))
                .withValue(SSL + "key-store", ConfigValueFactory.fromAnyRef(tls.keystore().orElseThrow().toString()))
                .withValue(SSL + "key-store-password", ConfigValueFactory.fromAnyRef(keyPw))
                .withValue(SSL + "key-password", ConfigValueFactory.fromAnyRef(keyPw))
                .withValue(SSL + "trust-store", ConfigValueFactory.fromAnyRef(tls.truststore().orElseThrow().toString()))
                .withValue(SSL + "trust-store-password", ConfigValueFactory.fromAnyRef(trustPw))
                .withValue(SSL + "protocol", ConfigValueFactory.fromAnyRef("TLSv1.3"))
                .withValue(SSL + "enabled-algorithms", ConfigValueFactory.fromIterable(
                        List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256")))
                .withValue(SSL + "require-mutual-authentication", ConfigValueFactory.fromAnyRef(true))
                // nodes are addressed by IP and port and trusted by certificate, not by host name
                .withValue(SSL + "hostname-verification", ConfigValueFactory.fromAnyRef(false));
    }
}
