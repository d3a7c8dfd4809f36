package io.chronosguard.engine.backend.sftp;

import io.chronosguard.engine.backend.PermanentBackendException;
import java.io.IOException;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.ConfigFileHostEntryResolver;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Opens an authenticated SSH session the way {@code ssh} would: the ssh config's HostName,
 * User, Port and IdentityFile, the user's keys (or the one named), the server's key checked
 * against known_hosts — an unknown or changed key is refused, never accepted silently. Every
 * failure becomes an {@link IOException} whose message says what to do, without secrets.
 */
final class SshSessions {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private SshSessions() {
    }

    /** A started client and its authenticated session; closing the session does not stop the client. */
    record Opened(SshClient client, ClientSession session) {
    }

    static Opened open(SftpLocation where, SftpOptions options) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        // a node or a dashboard may sit idle for hours: keep the session (and NAT mappings on the way) alive
        CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, Duration.ofSeconds(30));
        client.setHostConfigEntryResolver(options.sshConfig() != null
                ? new ConfigFileHostEntryResolver(options.sshConfig()) : HostConfigEntryResolver.EMPTY);
        FileKeyPairProvider keys = new FileKeyPairProvider(options.keys());
        if (options.passphrase() != null) {
            keys.setPasswordFinder(FilePasswordProvider.of(options.passphrase()));
        }
        client.setKeyIdentityProvider(options.keys().isEmpty() ? KeyIdentityProvider.EMPTY_KEYS_PROVIDER : keys);
        if (options.agent() != null && !options.explicitKey()) {
            client.setAgentFactory(AgentSocket.factory(options.agent()));
        }
        AtomicReference<String> hostKeyProblem = new AtomicReference<>();
        client.setServerKeyVerifier(new Verifier(options, hostKeyProblem));
        client.start();
        try {
            ClientSession session = connect(client, where);
            try {
                session.auth().verify(TIMEOUT);
            } catch (IOException e) {
                session.close(true);
                if (hostKeyProblem.get() != null) {
                    throw new PermanentBackendException(hostKeyProblem.get(), e);
                }
                throw new PermanentBackendException("the server refused authentication of user " + session.getUsername()
                        + " with " + describeKeys(options) + " (" + rootMessage(e) + ")", e);
            }
            return new Opened(client, session);
        } catch (IOException | RuntimeException e) {
            client.stop();
            if (hostKeyProblem.get() != null && !hostKeyProblem.get().equals(e.getMessage())) {
                throw new PermanentBackendException(hostKeyProblem.get(), e);
            }
            throw e;
        }
    }

    private static ClientSession connect(SshClient client, SftpLocation where) throws IOException {
        String target = where.host() + (where.port() > 0 ? ":" + where.port() : "");
        try {
            return client.connect(where.user(), where.host(), where.port() > 0 ? where.port() : 0)
                    .verify(TIMEOUT).getSession();
        } catch (IOException e) {
            throw new IOException("cannot connect to " + target + ": " + rootMessage(e), e);
        } catch (RuntimeException e) {
            if (rootCause(e) instanceof java.nio.channels.UnresolvedAddressException) {
                throw new IOException("cannot connect to " + target + ": unknown host name", e);
            }
            throw e;
        }
    }

    private static String describeKeys(SftpOptions options) {
        String agent = options.agent() != null && !options.explicitKey() ? " and the ssh-agent's keys" : "";
        if (options.keys().isEmpty()) {
            return (agent.isEmpty() ? "no key" : "the ssh-agent's keys") + " (none of ~/.ssh/id_ed25519, id_ecdsa,"
                    + " id_rsa exists; name one with -o " + SftpOptions.KEY + "=FILE)";
        }
        return (options.keys().size() == 1 ? "key " : "keys ") + options.keys() + agent;
    }

    static String rootMessage(Throwable e) {
        Throwable c = rootCause(e);
        if (c instanceof java.nio.channels.UnresolvedAddressException) {
            return "unknown host name";
        }
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    /** known_hosts checking that remembers why it refused, so the user hears it. */
    private static final class Verifier extends KnownHostsServerKeyVerifier {
        private final SftpOptions options;
        private final AtomicReference<String> problem;

        Verifier(SftpOptions options, AtomicReference<String> problem) {
            super(RejectAllServerKeyVerifier.INSTANCE, options.knownHosts());
            this.options = options;
            this.problem = problem;
        }

        @Override
        protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remote, PublicKey key) {
            String host = hostOf(session);
            problem.set("the host key of " + host + " (" + KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key)
                    + ") is not in " + options.knownHosts() + ": check that fingerprint with the server's admin, then add"
                    + " it, e.g. ssh-keyscan " + keyscanArgs(host) + " >> " + options.knownHosts()
                    + " (or name another file with -o " + SftpOptions.KNOWN_HOSTS + "=FILE)");
            return false;
        }

        @Override
        public boolean acceptModifiedServerKey(ClientSession session, SocketAddress remote, KnownHostEntry entry,
                PublicKey expected, PublicKey actual) {
            problem.set("the host key of " + hostOf(session) + " (" + KeyUtils.getFingerPrint(actual)
                    + ") differs from the one in " + options.knownHosts() + " (" + KeyUtils.getFingerPrint(expected)
                    + "): someone may be intercepting the connection, or the server's key changed;"
                    + " refusing to connect");
            return false;
        }

        private static String hostOf(ClientSession session) {
            SocketAddress a = session.getConnectAddress();
            if (a instanceof java.net.InetSocketAddress in) {
                return in.getPort() == 22 ? in.getHostString() : "[" + in.getHostString() + "]:" + in.getPort();
            }
            return String.valueOf(a);
        }

        private static String keyscanArgs(String host) {
            if (host.startsWith("[")) {
                int close = host.indexOf("]:");
                return "-p " + host.substring(close + 2) + " " + host.substring(1, close);
            }
            return host;
        }
    }
}
