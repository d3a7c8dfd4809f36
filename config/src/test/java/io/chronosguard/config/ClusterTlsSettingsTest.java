package io.chronosguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterTlsSettingsTest {
    private static final Machine MACHINE = new Machine(Path.of("/home/ada"), 2);

    @TempDir
    Path tmp;

    @Test
    void load_nothingSet_tlsOff() {
        assertEquals(ClusterTlsSettings.OFF, SettingsLoader.load(Optional.empty(), Map.of(), Map.of(), MACHINE)
                .clusterTls());
    }

    @Test
    void load_fileAndEnvironment_storesFromEitherPasswordsFromEnvironment() throws Exception {
        Path conf = Files.writeString(tmp.resolve("c.conf"),
                "cluster.tls.enabled = true\ncluster.tls.keystore = \"~/node.p12\"\n");
        ClusterTlsSettings tls = SettingsLoader.load(Optional.of(conf), Map.of(
                "CHRONOSGUARD_TLS_TRUSTSTORE", "/etc/cg/trust.p12",
                "CHRONOSGUARD_TLS_KEYSTORE_PASSWORD", "k-pw", "CHRONOSGUARD_TLS_TRUSTSTORE_PASSWORD", "t-pw"),
                Map.of(), MACHINE).clusterTls();
        assertTrue(tls.enabled());
        assertEquals(Optional.of(Path.of("/home/ada/node.p12")), tls.keystore());
        assertEquals(Optional.of(Path.of("/etc/cg/trust.p12")), tls.truststore());
        assertEquals(Optional.of(Secret.of("k-pw")), tls.keystorePassword());
        assertFalse(tls.toString().contains("k-pw"), tls.toString());
    }

    @Test
    void load_passwordInConfigFile_refusedNamingTheKey() throws Exception {
        Path conf = Files.writeString(tmp.resolve("c.conf"), "cluster.tls.keystore-password = \"oops\"\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> SettingsLoader.load(Optional.of(conf), Map.of(), Map.of(), MACHINE));
        assertTrue(e.getMessage().contains("cluster.tls.keystore-password"), e.getMessage());
        assertFalse(e.getMessage().contains("oops"), e.getMessage());
    }
}
