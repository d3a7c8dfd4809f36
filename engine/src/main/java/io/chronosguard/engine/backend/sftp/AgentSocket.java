package io.chronosguard.engine.backend.sftp;

import java.io.EOFException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * The user's ssh-agent ({@code SSH_AUTH_SOCK}) as MINA's agent client, over the JDK's own
 * Unix-domain sockets: MINA's bundled one needs Tomcat's native library. MINA builds each
 * request (length placeholder, type, body) and parses each answer; this only carries bytes.
 */
final class AgentSocket extends AbstractAgentProxy {
    /** Null when the agent could not be reached: then it simply has no keys. */
    private final SocketChannel channel;

    private AgentSocket(Path socket) {
        super(null);
        channel = connect(socket);
    }

    /**
     * A stale {@code SSH_AUTH_SOCK} (the agent of a closed login) is common; it must not stop
     * a login with key files, so an unreachable agent counts as an agent without keys.
     */
    private static SocketChannel connect(Path socket) {
        try {
            return SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public Iterable<? extends Map.Entry<PublicKey, String>> getIdentities() throws IOException {
        return channel == null ? List.of() : super.getIdentities();
    }

    /** A factory giving every session its own connection to the agent at {@code socket}. */
    static SshAgentFactory factory(Path socket) {
        return new SshAgentFactory() {
            @Override
            public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
                return List.of(); // no agent forwarding
            }

            @Override
            public SshAgent createClient(Session session, FactoryManager manager) {
                return new AgentSocket(socket);
            }

            @Override
            public SshAgentServer createServer(ConnectionService service) {
                throw new UnsupportedOperationException("agent forwarding is not offered");
            }
        };
    }

    @Override
    protected synchronized Buffer request(Buffer buffer) throws IOException {
        if (channel == null) {
            throw new IOException("no ssh-agent reachable");
        }
        int end = buffer.wpos();
        buffer.wpos(0);
        buffer.putUInt(end - 4L); // the length placeholder MINA left in front
        buffer.wpos(end);
        ByteBuffer out = ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available());
        while (out.hasRemaining()) {
            channel.write(out);
        }
        ByteBuffer length = readFully(4);
        return new ByteArrayBuffer(readFully(length.getInt()).array());
    }

    private ByteBuffer readFully(int n) throws IOException {
        if (n < 0 || n > 256 * 1024) {
            throw new IOException("the ssh-agent sent a message of " + n + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new EOFException("the ssh-agent closed the connection");
            }
        }
        return b.flip();
    }

    @Override
    public boolean isOpen() {
        return channel != null && channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            if (channel != null) {
                channel.close();
            }
        }
    }
}
