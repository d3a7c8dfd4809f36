package io.chronosguard.engine.repo.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeTest {

    /** Values restic 0.14 wrote (format §8.1): type, POSIX mode, Go FileMode. */
    static Stream<Arguments> specModes() {
        return Stream.of(
                Arguments.of(NodeType.FILE, 0644, 420L),
                Arguments.of(NodeType.FILE, 04755, 8389101L),
                Arguments.of(NodeType.DIR, 0755, 2147484141L),
                Arguments.of(NodeType.DIR, 01777, 2148532735L),
                Arguments.of(NodeType.SYMLINK, 0777, 134218239L),
                Arguments.of(NodeType.DEV, 0644, 67109284L),
                Arguments.of(NodeType.CHARDEV, 0644, 69206436L),
                Arguments.of(NodeType.FIFO, 0644, 33554852L));
    }

    @ParameterizedTest
    @MethodSource("specModes")
    void goModeOf_specValues_matchRestic(NodeType type, int posix, long goMode) {
        assertEquals(goMode, Node.goModeOf(type, posix));
    }

    @ParameterizedTest
    @MethodSource("specModes")
    void posixPermissions_specValues_rebuildPosixMode(NodeType type, int posix, long goMode) {
        assertEquals(posix, Node.builder("x", type).mode(goMode).build().posixPermissions());
    }

    @Test
    void goModeOf_setgidAndFileTypeBitsOfStMode_keepsSetgidIgnoresType() {
        long mode = Node.goModeOf(NodeType.DIR, 0040000 | 02775); // S_IFDIR | setgid 0775
        assertEquals(Node.MODE_DIR | Node.MODE_SETGID | 0775, mode);
        assertEquals(02775, Node.builder("d", NodeType.DIR).mode(mode).build().posixPermissions());
        assertEquals(Node.MODE_SOCKET | 0600, Node.goModeOf(NodeType.SOCKET, 0600));
    }

    @Test
    void goModeOf_notAPosixMode_throws() {
        assertThrows(IllegalArgumentException.class, () -> Node.goModeOf(NodeType.FILE, -1));
        assertThrows(IllegalArgumentException.class, () -> Node.goModeOf(NodeType.FILE, 0200000));
    }

    @Test
    void byName_fullwidthBeforeEmoji_unlikeStringCompareTo() {
        Node fullwidth = Node.builder("ａfullwidth", NodeType.FILE).build(); // EF BD 81
        Node emoji = Node.builder("😀emoji", NodeType.FILE).build();         // F0 9F 98 80
        assertTrue(Node.BY_NAME.compare(fullwidth, emoji) < 0);
        assertTrue("ａfullwidth".compareTo("😀emoji") > 0); // the trap the comparator avoids
    }

    @Test
    void byName_highBytes_compareUnsigned() {
        Node invalid = Node.builder(new byte[] {'b', 'a', 'd', (byte) 0xFF}, NodeType.FILE).build();
        Node link = Node.builder("badlink", NodeType.SYMLINK).build();
        assertTrue(Node.BY_NAME.compare(link, invalid) < 0);
    }

    @Test
    void equals_nameBytesCompareByContent() {
        Node a = Node.builder(new byte[] {'a', (byte) 0xFF}, NodeType.FILE).size(3).build();
        Node b = Node.builder(new byte[] {'a', (byte) 0xFF}, NodeType.FILE).size(3).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, b.toBuilder().size(4).build());
        assertEquals(a, a.toBuilder().build());
    }

    @Test
    void nameBytes_mutatingCopies_doesNotChangeNode() {
        byte[] raw = {'a'};
        Node n = Node.builder(raw, NodeType.FILE).build();
        raw[0] = 'z';
        n.nameBytes()[0] = 'z';
        assertArrayEquals(new byte[] {'a'}, n.nameBytes());
    }

    @Test
    void nameString_invalidUtf8_isLossyForDisplay() {
        Node n = Node.builder(HexFormat.of().parseHex("626164ff"), NodeType.FILE).build();
        assertEquals("bad\ufffd", n.nameString());
    }

    @Test
    void build_emptyStrings_storedAsNull() {
        Node n = Node.builder("x", NodeType.SYMLINK).user("").group("").linktarget("").error("").build();
        assertNull(n.user());
        assertNull(n.group());
        assertNull(n.linktarget());
        assertNull(n.error());
    }

    @Test
    void build_defaults_areGoZeroValues() {
        Node n = Node.builder("x", NodeType.FIFO).build();
        assertEquals(Node.ZERO_TIME, n.mtime());
        assertNull(n.content());
        assertEquals(List.of(), n.extendedAttributes());
    }

    @Test
    void build_uidBeyondUint32_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Node.builder("x", NodeType.FILE).uid(1L << 32).build());
        assertTrue(e.getMessage().contains("uid"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Node.builder("x", NodeType.FILE).mode(-1).build());
    }

    @Test
    void build_missingType_throws() {
        assertThrows(NullPointerException.class, () -> Node.builder("x", null).build());
    }

    @Test
    void linktarget_invalidUtf8Bytes_becomeOneReplacementPerByte() {
        byte[] target = new byte[] {'t', 'a', 'r', (byte) 0xFF, 'g', 'e', 't'};
        Node n = Node.builder("l", NodeType.SYMLINK).linktarget(target).build();
        assertEquals("tar\ufffdget", n.linktarget());
    }
}
