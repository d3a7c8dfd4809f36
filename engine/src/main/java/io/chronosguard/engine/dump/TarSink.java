package io.chronosguard.engine.dump;

import io.chronosguard.engine.repo.format.ExtendedAttribute;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a tar archive. Names travel as raw bytes: the stream's charset is ISO-8859-1, which
 * maps every byte to one char and back, so a name that is invalid UTF-8 in the repository is
 * invalid UTF-8 in the archive too, exactly as GNU tar would have stored the original file.
 * That is also why long names use GNU {@code ././@LongLink} entries (written in the same
 * charset) rather than PAX {@code path} records, which must be UTF-8. PAX records still carry
 * what ustar cannot: sub-second mtimes, big ids and sizes, and extended attributes.
 */
final class TarSink implements ArchiveSink {
    private static final String XATTR_PREFIX = "SCHILY.xattr.";

    private final TarArchiveOutputStream tar;

    TarSink(OutputStream out) {
        tar = new TarArchiveOutputStream(out, StandardCharsets.ISO_8859_1.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** Raw bytes as the one-char-per-byte string the ISO-8859-1 stream writes back unchanged. */
    static String raw(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String raw(String utf8) {
        return utf8 == null ? "" : raw(utf8.getBytes(StandardCharsets.UTF_8));
    }

    private TarArchiveEntry entry(String name, byte flag, Node n) {
        TarArchiveEntry e = new TarArchiveEntry(name, flag, true);
        e.setMode(UnixMode.of(n));
        e.setUserId(n.uid());
        e.setGroupId(n.gid());
        e.setUserName(raw(n.user()));
        e.setGroupName(raw(n.group()));
        e.setLastModifiedTime(FileTime.from(n.mtime().toInstant()));
        for (ExtendedAttribute x : n.extendedAttributes()) {
            String value = utf8OrNull(x.value());
            // POSIX ACLs are binary structures; restic decodes them, we leave them out.
            if (value != null && !x.name().startsWith("system.posix_acl_")) {
                e.addPaxHeader(XATTR_PREFIX + x.name(), value);
            }
        }
        return e;
    }

    /** PAX records are UTF-8 text: a binary attribute value cannot travel in one. */
    private static String utf8OrNull(byte[] value) {
        if (value == null) {
            return "";
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private void put(TarArchiveEntry e) throws IOException {
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    @Override
    public void directory(byte[] path, Node dir) throws IOException {
        put(entry(raw(path) + "/", TarConstants.LF_DIR, dir));
    }

    @Override
    public void file(byte[] path, Node file, Content content) throws IOException {
        TarArchiveEntry e = entry(raw(path), TarConstants.LF_NORMAL, file);
        e.setSize(file.size());
        tar.putArchiveEntry(e);
        content.writeTo(tar);
        tar.closeArchiveEntry();
    }

    @Override
    public void symlink(byte[] path, Node link) throws IOException {
        TarArchiveEntry e = entry(raw(path), TarConstants.LF_SYMLINK, link);
        e.setLinkName(raw(link.linktarget()));
        put(e);
    }

    @Override
    public boolean supportsHardLinks() {
        return true;
    }

    @Override
    public void hardLink(byte[] path, Node file, byte[] target) throws IOException {
        TarArchiveEntry e = entry(raw(path), TarConstants.LF_LINK, file);
        e.setLinkName(raw(target));
        put(e);
    }

    @Override
    public boolean special(byte[] path, Node node) throws IOException {
        byte flag;
        switch (node.type()) {
            case FIFO -> flag = TarConstants.LF_FIFO;
            case DEV -> flag = TarConstants.LF_BLK;
            case CHARDEV -> flag = TarConstants.LF_CHR;
            default -> {
                return false;
            }
        }
        TarArchiveEntry e = entry(raw(path), flag, node);
        if (node.type() != NodeType.FIFO) {
            e.setDevMajor(UnixMode.major(node.device()));
            e.setDevMinor(UnixMode.minor(node.device()));
        }
        put(e);
        return true;
    }

    @Override
    public void finish() throws IOException {
        tar.finish();
        tar.flush();
    }
}
