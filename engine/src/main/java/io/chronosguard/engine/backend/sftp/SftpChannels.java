package io.chronosguard.engine.backend.sftp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpException;

/**
 * One SSH session and a few SFTP channels on it, so parallel reads and writes do not queue
 * behind each other; replaced as a whole when the session drops. Also the folder helpers the
 * backend's layout needs.
 *
 * @param idle the channels not in use: take one, give it back
 * @param all  every channel, to close them
 */
record SftpChannels(SshSessions.Opened ssh, BlockingQueue<SftpClient> idle, List<SftpClient> all) {
    static final int CHANNELS = 4;

    static SftpChannels open(SftpLocation where, SftpOptions options) throws IOException {
        SshSessions.Opened ssh = SshSessions.open(where, options);
        try {
            BlockingQueue<SftpClient> idle = new ArrayBlockingQueue<>(CHANNELS);
            List<SftpClient> all = new ArrayList<>();
            for (int i = 0; i < CHANNELS; i++) {
                SftpClient c = SftpClientFactory.instance().createSftpClient(ssh.session());
                all.add(c);
                idle.add(c);
            }
            return new SftpChannels(ssh, idle, all);
        } catch (IOException | RuntimeException e) {
            ssh.client().stop();
            throw e;
        }
    }

    boolean isOpen() {
        return ssh.session().isOpen();
    }

    void close() throws IOException {
        try {
            for (SftpClient c : all) {
                c.close();
            }
            ssh.session().close(false);
        } finally {
            ssh.client().stop();
        }
    }

    /** Makes {@code path} and its missing parents. */
    static void mkdirs(SftpClient s, String path) throws IOException {
        StringBuilder at = new StringBuilder(path.startsWith("/") ? "/" : "");
        for (String seg : path.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            at.append(seg);
            mkdir(s, at.toString());
            at.append('/');
        }
    }

    /** Makes one folder; one already there is fine. */
    static void mkdir(SftpClient s, String path) throws IOException {
        try {
            s.mkdir(path);
        } catch (SftpException e) {
            // servers answer "failure" rather than "exists" for a folder that is there: look
            if (!isDirectory(s, path)) {
                throw e;
            }
        }
    }

    private static boolean isDirectory(SftpClient s, String path) {
        try {
            return s.stat(path).isDirectory();
        } catch (IOException e) {
            return false;
        }
    }
}
