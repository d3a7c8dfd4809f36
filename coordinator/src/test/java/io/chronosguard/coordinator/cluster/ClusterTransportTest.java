package io.chronosguard.coordinator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.chronosguard.config.ClusterTlsSettings;
import io.chronosguard.config.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterTransportTest {
    @TempDir
    Path tmp;

    private static ClusterTlsSettings on(Path keystore, Path truststore, String password) {
        return new ClusterTlsSettings(true, Optional.ofNullable(keystore), Optional.ofNullable(password).map(Secret::of),
                Optional.ofNullable(truststore), Optional.ofNullable(password).map(Secret::of));
    }

    @Test
    void config_tlsOff_leavesTheTransportAlone() {
        assertTrue(ClusterTransport.config(ClusterTlsSettings.OFF).isEmpty());
        ClusterTransport.verify(ClusterTlsSettings.OFF); // nothing to check, so no exception
    }

    @Test
    void config_tlsOn_tlsTcpWithMutualAuthenticationOverTls13() {
        Config c = ClusterTransport.config(on(Path.of("/k.p12"), Path.of("/t.p12"), "pw"));
        assertEquals("tls-tcp", c.getString("pekko.remote.artery.transport"));
        assertEquals("org.apache.pekko.remote.artery.tcp.ConfigSSLEngineProvider",
                c.getString("pekko.remote.artery.ssl.ssl-engine-provider"));
        assertTrue(c.getBoolean(ClusterTransport.SSL + "require-mutual-authentication"));
        assertEquals("TLSv1.3", c.getString(ClusterTransport.SSL + "protocol"));
        assertEquals("/k.p12", c.getString(ClusterTransport.SSL + "key-store"));
        assertEquals("/t.p12", c.getString(ClusterTransport.SSL + "trust-store"));
    }

    @Test
    void verify_keystoreUnset_namesTheSettingAndItsVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterTransport.verify(on(null, tmp.resolve("t.p12"), "pw")));
        assertTrue(e.getMessage().startsWith("cluster.tls.keystore is not set"), e.getMessage());
        assertTrue(e.getMessage().contains("CHRONOSGUARD_TLS_KEYSTORE"), e.getMessage());
    }

    @Test
    void verify_keystoreNotAKeystore_namesTheFileNotThePassword() throws Exception {
        Path bogus = Files.writeString(tmp.resolve("k.p12"), "not a keystore");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterTransport.verify(on(bogus, bogus, "secret-pw")));
        assertTrue(e.getMessage().startsWith("cluster.tls.keystore " + bogus + ": cannot open it"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-pw"), e.getMessage());
    }

    @Test
    void verify_passwordUnset_saysWhichVariable() throws Exception {
        Path k = Files.writeString(tmp.resolve("k.p12"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterTransport.verify(on(k, k, null)));
        assertTrue(e.getMessage().contains("set CHRONOSGUARD_TLS_KEYSTORE_PASSWORD"), e.getMessage());
    }
}
