package io.chronosguard.engine.dump;

import static io.chronosguard.engine.repo.InMemoryBlobs.base;
import static io.chronosguard.engine.repo.InMemoryBlobs.dir;
import static io.chronosguard.engine.repo.InMemoryBlobs.symlink;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.CorruptDataException;
import io.chronosguard.engine.NotFoundException;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.InMemoryBlobs;
import io.chronosguard.engine.repo.format.ExtendedAttribute;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DumperTest {
    InMemoryBlobs repo;
    Id root;
    byte[] chunk1 = "first chunk, ".getBytes(UTF_8);
    byte[] chunk2 = "second chunk\n".getBytes(UTF_8);

    /** /home/alice: a two-chunk file, a setuid script, a symlink, a hard-linked pair, a FIFO, a char device. */
    @BeforeEach
    void buildSnapshot() {
        repo = new InMemoryBlobs();
        Id c1 = repo.data(chunk1);
        Id c2 = repo.data(chunk2);
        Id tool = repo.data("#!/bin/sh\n");
        Node linked = repo.file("a-linked", 0640, c2).toBuilder().links(2).inode(77).deviceId(5).build();
        Id alice = repo.tree(
                repo.file("notes.txt", 0644, c1, c2),
                repo.file("tool", 04755, tool).toBuilder()
                        .extendedAttributes(List.of(new ExtendedAttribute("user.comment", "hi".getBytes(UTF_8)),
                                new ExtendedAttribute("user.bin", new byte[] {(byte) 0xff})))
                        .build(),
                symlink("link", "notes.txt"),
                linked,
                linked.toBuilder().name("b-linked").build(),
                base("pipe", NodeType.FIFO, 0600).build(),
                base("tty", NodeType.CHARDEV, 0620).device(1992).build(),
                base("empty", NodeType.FILE, 0644).content(List.of()).build());
        Id home = repo.tree(dir("alice", alice));
        root = repo.tree(dir("home", home));
    }

    Dumper dumper() {
        return new Dumper(repo);
    }

    @Test
    void select_root_isDirectoryWithoutNode() {
        Selection s = dumper().select(root, "/");
        assertTrue(s.isRoot());
        assertTrue(s.isDirectory());
        assertEquals(root, s.tree());
        assertEquals(0, s.rawPath().length);
    }

    @Test
    void select_nestedFile_normalisesPath() {
        Selection s = dumper().select(root, "home//alice/./notes.txt/");
        assertTrue(s.isFile());
        assertEquals("/home/alice/notes.txt", s.path());
        assertEquals("notes.txt", s.name());
        assertArrayEquals("home/alice/notes.txt".getBytes(UTF_8), s.rawPath());
    }

    @Test
    void select_missingEntry_throwsNotFoundNamingParent() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> dumper().select(root, "/home/bob/x"));
        assertTrue(e.getMessage().contains("/home/bob/x"), e.getMessage());
        assertTrue(e.getMessage().contains("/home has no entry \"bob\""), e.getMessage());
    }

    @Test
    void select_pathThroughAFile_throwsNotFoundSayingItIsAFile() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> dumper().select(root, "/home/alice/notes.txt/deeper"));
        assertTrue(e.getMessage().contains("/home/alice/notes.txt is a file, not a directory"), e.getMessage());
    }

    @Test
    void writeFile_multiChunkFile_writesChunksInOrder() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = dumper().writeFile(dumper().select(root, "/home/alice/notes.txt"), out);
        assertEquals("first chunk, second chunk\n", out.toString(UTF_8));
        assertEquals(chunk1.length + chunk2.length, n);
    }

    @Test
    void writeFile_directory_throwsIllegalArgumentSuggestingArchive() {
        Dumper d = dumper();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.writeFile(d.select(root, "/home"), new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("archive"), e.getMessage());
    }

    @Test
    void writeArchive_file_throwsIllegalArgument() {
        Dumper d = dumper();
        assertThrows(IllegalArgumentException.class,
                () -> d.writeArchive(d.select(root, "/home/alice/link"), ArchiveFormat.TAR, new ByteArrayOutputStream()));
    }

    static Map<String, TarArchiveEntry> readTar(byte[] tar, Map<String, byte[]> contents) throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar), UTF_8.name())) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), e);
                contents.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    @Test
    void writeArchive_tar_keepsTypesModesOwnersTimesAndLinks() throws IOException {
        Dumper d = dumper();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DumpSummary sum = d.writeArchive(d.select(root, "/home/alice"), ArchiveFormat.TAR, out);
        Map<String, byte[]> data = new LinkedHashMap<>();
        Map<String, TarArchiveEntry> tar = readTar(out.toByteArray(), data);

        assertEquals(List.of("home/alice/", "home/alice/a-linked", "home/alice/b-linked", "home/alice/empty",
                "home/alice/link", "home/alice/notes.txt", "home/alice/pipe", "home/alice/tool", "home/alice/tty"),
                List.copyOf(tar.keySet()));
        TarArchiveEntry notes = tar.get("home/alice/notes.txt");
        assertEquals("first chunk, second chunk\n", new String(data.get("home/alice/notes.txt"), UTF_8));
        assertEquals(0100644, notes.getMode());
        assertEquals(1000, notes.getLongUserId());
        assertEquals(100, notes.getLongGroupId());
        assertEquals("alice", notes.getUserName());
        assertEquals("users", notes.getGroupName());
        // PAX mtime keeps 7 fraction digits (100 ns), truncated.
        assertEquals(FileTime.from(InMemoryBlobs.T0.toInstant().minusNanos(89)), notes.getLastModifiedTime());
        assertEquals(04755, tar.get("home/alice/tool").getMode() & 07777);
        assertEquals("hi", tar.get("home/alice/tool").getExtraPaxHeader("SCHILY.xattr.user.comment"));
        assertNull(tar.get("home/alice/tool").getExtraPaxHeader("SCHILY.xattr.user.bin"), "binary values cannot be PAX text");
        assertTrue(tar.get("home/alice/").isDirectory());
        assertEquals(0755, tar.get("home/alice/").getMode() & 07777);
        assertTrue(tar.get("home/alice/link").isSymbolicLink());
        assertEquals("notes.txt", tar.get("home/alice/link").getLinkName());
        assertTrue(tar.get("home/alice/a-linked").isFile());
        assertTrue(tar.get("home/alice/b-linked").isLink());
        assertEquals("home/alice/a-linked", tar.get("home/alice/b-linked").getLinkName());
        assertTrue(tar.get("home/alice/pipe").isFIFO());
        assertTrue(tar.get("home/alice/tty").isCharacterDevice());
        assertEquals(7, tar.get("home/alice/tty").getDevMajor());
        assertEquals(200, tar.get("home/alice/tty").getDevMinor());
        assertEquals(0, data.get("home/alice/empty").length);
        assertEquals(new DumpSummary(4, 1, 1, 1, 2, chunk1.length + 2L * chunk2.length + 10, List.of()), sum);
    }

    @Test
    void writeArchive_tarOfRoot_hasNoRootEntryAndFullPaths() throws IOException {
        Dumper d = dumper();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        d.writeArchive(d.select(root, "/"), ArchiveFormat.TAR, out);
        List<String> names = List.copyOf(readTar(out.toByteArray(), new LinkedHashMap<>()).keySet());
        assertEquals("home/", names.get(0));
        assertEquals("home/alice/", names.get(1));
    }

    @Test
    void writeArchive_tarLongAndInvalidUtf8Names_keepsRawBytes() throws IOException {
        byte[] bad = {'b', 'a', 'd', (byte) 0xff, '.', 't', 'x', 't'};
        String longName = "x".repeat(180);
        Id content = repo.data("z");
        Node badFile = repo.file("placeholder", 0644, content).toBuilder().name(bad).build();
        Id sub = repo.tree(badFile, repo.file(longName, 0644, content), symlink("ln", "t".repeat(150)));
        Id top = repo.tree(dir("d", sub));
        Dumper d = dumper();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        d.writeArchive(d.select(top, "/"), ArchiveFormat.TAR, out);
        Map<String, TarArchiveEntry> tar = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()),
                ISO_8859_1.name())) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                tar.put(e.getName(), e);
            }
        }
        assertTrue(tar.containsKey("d/" + new String(bad, ISO_8859_1)), tar.keySet()::toString);
        assertTrue(tar.containsKey("d/" + longName), tar.keySet()::toString);
        assertEquals("t".repeat(150), tar.get("d/ln").getLinkName());
    }

    @Test
    void writeArchive_zip_keepsModesSymlinksAndTimes_copiesHardLinks_skipsSpecials() throws IOException {
        Dumper d = dumper();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DumpSummary sum = d.writeArchive(d.select(root, "/home/alice"), ArchiveFormat.ZIP, out);
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(out.toByteArray()))
                .get()) {
            ZipArchiveEntry notes = zip.getEntry("home/alice/notes.txt");
            assertEquals(0100644, notes.getUnixMode());
            assertEquals("first chunk, second chunk\n", new String(zip.getInputStream(notes).readAllBytes(), UTF_8));
            assertEquals(InMemoryBlobs.T0.toInstant().getEpochSecond(),
                    notes.getLastModifiedTime().toInstant().getEpochSecond());
            assertEquals(04755, zip.getEntry("home/alice/tool").getUnixMode() & 07777);
            ZipArchiveEntry link = zip.getEntry("home/alice/link");
            assertTrue(link.isUnixSymlink());
            assertEquals("notes.txt", zip.getUnixSymlink(link));
            assertTrue(zip.getEntry("home/alice/").isDirectory());
            assertEquals("second chunk\n", new String(zip.getInputStream(zip.getEntry("home/alice/b-linked"))
                    .readAllBytes(), UTF_8));
            assertNull(zip.getEntry("home/alice/pipe"));
        }
        assertEquals(0, sum.hardLinks());
        assertEquals(5, sum.files());
        assertEquals(List.of("/home/alice/pipe: a fifo cannot be stored in a zip archive",
                "/home/alice/tty: a chardev cannot be stored in a zip archive"), sum.skipped());
    }

    @Test
    void writeArchive_unsafeName_isSkippedAndReported() throws IOException {
        Id content = repo.data("evil");
        Id top = repo.tree(repo.file("..", 0644, content), repo.file("fine", 0644, content));
        Dumper d = dumper();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DumpSummary sum = d.writeArchive(d.select(top, "/"), ArchiveFormat.TAR, out);
        assertEquals(List.of("fine"), List.copyOf(readTar(out.toByteArray(), new LinkedHashMap<>()).keySet()));
        assertEquals(List.of("/..: unsafe entry name, not written"), sum.skipped());
    }

    @Test
    void writeArchive_sizeDisagreesWithBlobs_throwsCorruptNamingFile() {
        Id content = repo.data("four");
        Id top = repo.tree(repo.file("f", 0644, content).toBuilder().size(99).build());
        Dumper d = dumper();
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> d.writeArchive(d.select(top, "/"), ArchiveFormat.TAR, new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("/f has 4 bytes"), e.getMessage());
    }

    @Test
    void writeArchive_unindexedBlob_throwsCorruptNamingBlob() {
        Id content = repo.data("lost");
        Id top = repo.tree(repo.file("f", 0644, content));
        repo.unindex(content);
        Dumper d = dumper();
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> d.writeArchive(d.select(top, "/"), ArchiveFormat.ZIP, new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains(content.hex()), e.getMessage());
    }

    @Test
    void writeArchive_fileOfRepeatedChunk_loadsTheBlobOnce() throws IOException {
        Id zeros = repo.data(new byte[4096]);
        Id top = repo.tree(repo.file("sparse", 0644, zeros, zeros, zeros, zeros));
        Dumper d = dumper();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        d.writeArchive(d.select(top, "/"), ArchiveFormat.TAR, out);
        assertEquals(List.of(zeros), repo.dataLoads());
    }

    @Test
    void writeArchive_leavesCallersStreamOpen() throws IOException {
        boolean[] closed = {false};
        OutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        Dumper d = dumper();
        d.writeArchive(d.select(root, "/home"), ArchiveFormat.TAR, out);
        d.writeArchive(d.select(root, "/home"), ArchiveFormat.ZIP, out);
        assertFalse(closed[0]);
    }
}
