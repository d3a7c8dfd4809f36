package io.chronosguard.engine.backend.sftp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to reach an SFTP server: which private key(s), which known_hosts file to check the
 * server's key against, which ssh config to read. Each comes from an option
 * ({@code -o sftp.key=FILE}), else the environment ({@code CHRONOSGUARD_SFTP_KEY}), else
 * the user's {@code ~/.ssh} (home from {@code HOME}).
 *
 * @param keys       private keys to offer, in order
 * @param explicitKey whether {@code keys} is the one key the user named
 * @param knownHosts the known_hosts file (absent: every host is unknown)
 * @param sshConfig  the ssh config file, or null when there is none
 * @param passphrase for encrypted keys ({@code CHRONOSGUARD_SFTP_KEY_PASSPHRASE}), or null
 * @param agent      the ssh-agent's socket ({@code SSH_AUTH_SOCK}), or null
 */
public record SftpOptions(List<Path> keys, boolean explicitKey, Path knownHosts, Path sshConfig, String passphrase,
        Path agent) {
    public static final String KEY = "sftp.key";
    public static final String KNOWN_HOSTS = "sftp.known-hosts";
    public static final String CONFIG = "sftp.config";
    /** Every option this backend takes. */
    public static final List<String> KEYS = List.of(KEY, KNOWN_HOSTS, CONFIG);

    private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    /**
     * @throws IllegalArgumentException when a named key or config file does not exist
     */
    public static SftpOptions of(Map<String, String> options, Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path ssh = Path.of(home, ".ssh");
        String key = pick(options, env, KEY, "CHRONOSGUARD_SFTP_KEY", home);
        List<Path> keys;
        if (key != null) {
            Path k = Path.of(key);
            if (!Files.isReadable(k)) {
                throw new IllegalArgumentException(KEY + " " + k + ": no such readable key file");
            }
            keys = List.of(k);
        } else {
            keys = DEFAULT_KEYS.stream().map(ssh::resolve).filter(Files::isReadable).toList();
        }
        String hosts = pick(options, env, KNOWN_HOSTS, "CHRONOSGUARD_SFTP_KNOWN_HOSTS", home);
        Path knownHosts = hosts != null ? Path.of(hosts) : ssh.resolve("known_hosts");
        String config = pick(options, env, CONFIG, "CHRONOSGUARD_SFTP_CONFIG", home);
        Path sshConfig;
        if (config != null) {
            sshConfig = Path.of(config);
            if (!Files.isReadable(sshConfig)) {
                throw new IllegalArgumentException(CONFIG + " " + sshConfig + ": no such readable file");
            }
        } else {
            sshConfig = Files.isReadable(ssh.resolve("config")) ? ssh.resolve("config") : null;
        }
        String pass = env.get("CHRONOSGUARD_SFTP_KEY_PASSPHRASE");
        String agent = env.get("SSH_AUTH_SOCK");
        return new SftpOptions(keys, key != null, knownHosts, sshConfig, pass == null || pass.isEmpty() ? null : pass,
                agent == null || agent.isEmpty() ? null : Path.of(agent));
    }

    /** The option, else the variable, else null; a leading {@code ~/} is the home (the shell leaves it in {@code -o k=~/f}). */
    private static String pick(Map<String, String> options, Map<String, String> env, String option, String var,
            String home) {
        String v = options.get(option);
        if (v == null || v.isEmpty()) {
            v = env.get(var);
        }
        if (v == null || v.isEmpty()) {
            return null;
        }
        return v.startsWith("~/") ? Path.of(home, v.substring(2)).toString() : v;
    }

    @Override
    public String toString() {
        return "SftpOptions[keys=" + keys + ", knownHosts=" + knownHosts + ", sshConfig=" + sshConfig + ", agent="
                + agent + "]";
    }
}
