package io.chronosguard.engine.backend.sftp;

import io.chronosguard.engine.BackendIOException;
import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.backend.FileType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * A repository on an SSH server, laid out as restic's local and sftp backends lay it out
 * ({@code data/XX/<id>}, the other types flat). A file is written under a temporary name
 * and renamed into place, as restic's sftp backend does, so readers never see part of it.
 * One SSH session carries a few SFTP channels, so parallel reads and writes do not queue
 * behind each other.
 */
public final class SftpBackend implements Backend {
    private final SftpLocation where;
    private final SftpOptions options;
    private volatile SftpChannels channels;

    private SftpBackend(SftpLocation where, SftpOptions options, SftpChannels channels) {
        this.where = where;
        this.options = options;
        this.channels = channels;
    }

    /**
     * Connects and authenticates.
     *
     * @throws IllegalArgumentException when the location is malformed
     * @throws BackendIOException naming the location when the server cannot be reached or refuses us
     */
    public static SftpBackend open(String location, SftpOptions options) {
        SftpLocation where = SftpLocation.parse(location);
        try {
            return new SftpBackend(where, options, SftpChannels.open(where, options));
        } catch (IOException e) {
            throw new BackendIOException("cannot open repository " + where.display() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The open channels; a session the server or the network dropped (a node idle for
     * hours, a restarted server) is opened again here, before the next operation.
     */
    private synchronized SftpChannels current() throws IOException {
        SftpChannels c = channels;
        if (!c.isOpen()) {
            try {
                c.close();
            } catch (IOException ignored) {
                // it is gone already
            }
            channels = SftpChannels.open(where, options);
        }
        return channels;
    }

    @Override
    public String location() {
        return where.display();
    }

    /** One SFTP operation on a borrowed channel. */
    private interface Op<T> {
        T run(SftpClient sftp) throws IOException;
    }

    private <T> T with(String path, Op<T> op) throws IOException {
        SftpChannels c = current();
        SftpClient sftp;
        try {
            sftp = c.idle().take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for an SFTP channel");
        }
        try {
            return op.run(sftp);
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                NoSuchFileException n = new NoSuchFileException(where.display() + " " + path);
                n.initCause(e);
                throw n;
            }
            throw new IOException(path + ": " + e.getMessage(), e);
        } finally {
            c.idle().add(sftp);
        }
    }

    private String root() {
        return where.path();
    }

    private String dir(FileType type) {
        return root() + "/" + type.folder();
    }

    String path(FileType type, String name) {
        if (type == FileType.CONFIG) {
            return root() + "/config";
        }
        if (type == FileType.DATA) {
            return dir(type) + "/" + name.substring(0, 2) + "/" + name;
        }
        return dir(type) + "/" + name;
    }

    @Override
    public boolean exists() throws IOException {
        try {
            return with("config", s -> s.stat(path(FileType.CONFIG, "config")).isRegularFile());
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Free for a new repository: the folder is absent, or empty. */
    @Override
    public boolean isUnused() throws IOException {
        try {
            return with(root(), s -> {
                if (!s.stat(root()).isDirectory()) {
                    return false;
                }
                for (SftpClient.DirEntry e : s.readDir(root())) {
                    if (!e.getFilename().equals(".") && !e.getFilename().equals("..")) {
                        return false;
                    }
                }
                return true;
            });
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    /** The repository's folders, as restic init makes them (the root and its parents too). */
    @Override
    public void createLayout() throws IOException {
        with(root(), s -> {
            SftpChannels.mkdirs(s, root());
            for (FileType t : FileType.values()) {
                if (t != FileType.CONFIG) {
                    SftpChannels.mkdir(s, dir(t));
                }
            }
            for (int i = 0; i < 256; i++) {
                SftpChannels.mkdir(s, dir(FileType.DATA) + "/" + String.format("%02x", i));
            }
            return null;
        });
    }

    @Override
    public List<String> list(FileType type) throws IOException {
        if (type == FileType.CONFIG) {
            return exists() ? List.of("config") : List.of();
        }
        List<String> names = new ArrayList<>();
        try {
            with(dir(type), s -> {
                if (type == FileType.DATA) {
                    for (SftpClient.DirEntry sub : s.readDir(dir(type))) {
                        if (sub.getAttributes().isDirectory() && sub.getFilename().length() == 2) {
                            collect(s, dir(type) + "/" + sub.getFilename(), names);
                        }
                    }
                } else {
                    collect(s, dir(type), names);
                }
                return null;
            });
        } catch (NoSuchFileException e) {
            return List.of(); // no folder yet: nothing of this type
        }
        return names;
    }

    private static void collect(SftpClient s, String dir, List<String> names) throws IOException {
        for (SftpClient.DirEntry e : s.readDir(dir)) {
            String n = e.getFilename();
            if (n.length() == 64 && n.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                    && e.getAttributes().isRegularFile()) {
                names.add(n);
            }
        }
    }

    @Override
    public byte[] load(FileType type, String name) throws IOException {
        String p = path(type, name);
        return with(p, s -> {
            try (InputStream in = s.read(p)) {
                return in.readAllBytes();
            }
        });
    }

    @Override
    public byte[] load(FileType type, String name, long offset, int length) throws IOException {
        String p = path(type, name);
        return with(p, s -> {
            try (SftpClient.CloseableHandle h = s.open(p, SftpClient.OpenMode.Read)) {
                byte[] out = new byte[length];
                int n = 0;
                while (n < length) {
                    int r = s.read(h, offset + n, out, n, length - n);
                    if (r < 0) {
                        return java.util.Arrays.copyOf(out, n);
                    }
                    n += r;
                }
                return out;
            }
        });
    }

    @Override
    public long size(FileType type, String name) throws IOException {
        String p = path(type, name);
        return with(p, s -> s.stat(p).getSize());
    }

    @Override
    public void save(FileType type, String name, byte[] data) throws IOException {
        save(type, name, data, 0, data.length);
    }

    @Override
    public void save(FileType type, String name, byte[] data, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, data.length);
        String target = path(type, name);
        String tmp = target.substring(0, target.lastIndexOf('/') + 1) + ".tmp-" + UUID.randomUUID();
        with(target, s -> {
            try {
                write(s, tmp, data, off, len);
            } catch (SftpException e) {
                if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                    throw e;
                }
                SftpChannels.mkdirs(s, tmp.substring(0, tmp.lastIndexOf('/'))); // a repository restic made without fan-out folders
                write(s, tmp, data, off, len);
            }
            try {
                s.rename(tmp, target);
            } catch (IOException e) {
                try {
                    s.remove(tmp);
                } catch (IOException ignored) {
                    // the rename's error is the one to report
                }
                throw e;
            }
            return null;
        });
    }

    private static void write(SftpClient s, String path, byte[] data, int off, int len) throws IOException {
        try (OutputStream out = s.write(path, SftpClient.OpenMode.Write, SftpClient.OpenMode.Create,
                SftpClient.OpenMode.Exclusive)) {
            out.write(data, off, len);
        }
    }

    @Override
    public void remove(FileType type, String name) throws IOException {
        String p = path(type, name);
        with(p, s -> {
            s.remove(p);
            return null;
        });
    }

    @Override
    public void close() throws IOException {
        channels.close();
    }
}
