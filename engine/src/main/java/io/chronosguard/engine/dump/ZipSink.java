package io.chronosguard.engine.dump;

import io.chronosguard.engine.repo.format.Node;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes a zip archive to a plain (non-seekable) stream: every entry deflated with a data
 * descriptor, names in UTF-8 with the language-encoding flag, Unix modes in the external
 * attributes (Info-ZIP's convention, which {@code unzip} honours), mtimes as DOS time plus
 * the Info-ZIP extended timestamp and NTFS times. Symlinks are Unix-symlink entries whose
 * content is the target. Zip has no hard links or special files: hard links are written as
 * copies, FIFOs and devices are refused. Names that are not valid UTF-8 get U+FFFD.
 */
final class ZipSink implements ArchiveSink {
    private final ZipArchiveOutputStream zip;

    ZipSink(OutputStream out) {
        zip = new ZipArchiveOutputStream(out);
        zip.setEncoding(StandardCharsets.UTF_8.name());
        zip.setUseLanguageEncodingFlag(true);
    }

    private static ZipArchiveEntry entry(String name, Node n) {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setUnixMode(UnixMode.of(n));
        e.setLastModifiedTime(FileTime.from(n.mtime().toInstant()));
        return e;
    }

    private static String name(byte[] path) {
        return new String(path, StandardCharsets.UTF_8);
    }

    @Override
    public void directory(byte[] path, Node dir) throws IOException {
        zip.putArchiveEntry(entry(name(path) + "/", dir));
        zip.closeArchiveEntry();
    }

    @Override
    public void file(byte[] path, Node file, Content content) throws IOException {
        ZipArchiveEntry e = entry(name(path), file);
        e.setSize(file.size());
        zip.putArchiveEntry(e);
        content.writeTo(zip);
        zip.closeArchiveEntry();
    }

    @Override
    public void symlink(byte[] path, Node link) throws IOException {
        byte[] target = link.linktarget() == null ? new byte[0] : link.linktarget().getBytes(StandardCharsets.UTF_8);
        ZipArchiveEntry e = entry(name(path), link);
        e.setSize(target.length);
        zip.putArchiveEntry(e);
        zip.write(target);
        zip.closeArchiveEntry();
    }

    @Override
    public boolean supportsHardLinks() {
        return false;
    }

    @Override
    public void hardLink(byte[] path, Node file, byte[] target) {
        throw new UnsupportedOperationException("zip archives have no hard links");
    }

    @Override
    public boolean special(byte[] path, Node node) {
        return false;
    }

    @Override
    public void finish() throws IOException {
        zip.finish();
        zip.flush();
    }
}
