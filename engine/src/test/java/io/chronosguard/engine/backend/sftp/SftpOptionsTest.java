package io.chronosguard.engine.backend.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the SFTP backend looks for keys, known hosts and ssh config: option, then environment, then HOME's .ssh. */
class SftpOptionsTest {
    @TempDir
    Path home;

    @Test
    void of_nothingGiven_usesTheKeysThatExistInHomeSsh() throws IOException {
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(ssh.resolve("id_rsa"), "k");
        Files.writeString(ssh.resolve("config"), "Host x\n");
        SftpOptions o = SftpOptions.of(Map.of(), Map.of("HOME", home.toString()));
        assertEquals(List.of(ssh.resolve("id_rsa")), o.keys());
        assertFalse(o.explicitKey());
        assertEquals(ssh.resolve("known_hosts"), o.knownHosts());
        assertEquals(ssh.resolve("config"), o.sshConfig());
    }

    @Test
    void of_optionAndEnvironment_optionWinsAndTildeIsHome() throws IOException {
        Files.writeString(home.resolve("a_key"), "k");
        Files.writeString(home.resolve("b_key"), "k");
        SftpOptions o = SftpOptions.of(Map.of(SftpOptions.KEY, "~/a_key"),
                Map.of("HOME", home.toString(), "CHRONOSGUARD_SFTP_KEY", home.resolve("b_key").toString(),
                        "CHRONOSGUARD_SFTP_KNOWN_HOSTS", "/etc/ssh/ssh_known_hosts"));
        assertEquals(List.of(home.resolve("a_key")), o.keys());
        assertTrue(o.explicitKey());
        assertEquals(Path.of("/etc/ssh/ssh_known_hosts"), o.knownHosts());
        assertNull(o.sshConfig());
    }

    @Test
    void of_namedKeyMissing_refusedNamingTheOptionAndFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SftpOptions.of(
                Map.of(SftpOptions.KEY, home.resolve("nope").toString()), Map.of("HOME", home.toString())));
        assertTrue(e.getMessage().startsWith("sftp.key " + home.resolve("nope")), e.getMessage());
    }
}
