package io.chronosguard.engine.archiver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chronosguard.engine.repo.format.NodeType;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileInfoTest {
    @Test
    void of_regularFile_matchesTheJdksFullAttributes(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "hello");
        Map<String, Object> jdk = Files.readAttributes(f, "unix:*", LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes posix = Files.readAttributes(f, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        for (int round = 0; round < 2; round++) { // the second time from the name cache
            FileInfo fi = FileInfo.of(f);
            assertEquals(NodeType.FILE, fi.type());
            assertEquals(5, fi.size());
            assertEquals(((Integer) jdk.get("uid")).longValue(), fi.uid());
            assertEquals(((Integer) jdk.get("gid")).longValue(), fi.gid());
            assertEquals(jdk.get("ino"), fi.inode());
            assertEquals(jdk.get("lastModifiedTime"), fi.mtime());
            assertEquals(jdk.get("ctime"), fi.ctime());
            assertEquals(((Integer) jdk.get("mode")) & 07777, fi.posixMode());
            String owner = posix.owner().getName();
            assertEquals(owner.chars().allMatch(Character::isDigit) ? null : owner, fi.user());
            String group = posix.group().getName();
            assertEquals(group.chars().allMatch(Character::isDigit) ? null : group, fi.group());
        }
    }

    @Test
    void of_symlink_isNotFollowed(@TempDir Path dir) throws Exception {
        Path target = Files.createDirectory(dir.resolve("d"));
        Path link = Files.createSymbolicLink(dir.resolve("l"), target);
        assertEquals(NodeType.SYMLINK, FileInfo.of(link).type());
        assertEquals(NodeType.DIR, FileInfo.of(target).type());
    }
}
