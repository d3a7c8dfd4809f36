package io.chronosguard.engine.repo.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.repo.Id;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TreeCodecTest {
    private static final String ID1 = "a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447";
    private static final String ID2 = "50e721e49c013f00c62cf59f2163542a9d8df02464efeb615d31051b0fddc326";
    private static final String ID3 = "d0bc1a4e903bb867c953ea21ea0b6ef97c00730d2357443918dda9f52013d56d";

    /** A tree written by hand from format §8, one node per line (joined without newlines). */
    private static final String HAND_WRITTEN = """
            {"nodes":[\
            {"name":"dev0","type":"dev","mode":67109280,"mtime":"2022-08-25T10:00:00+02:00",\
            "atime":"2022-08-25T10:00:00+02:00","ctime":"2022-08-25T10:00:00+02:00","uid":0,"gid":6,\
            "user":"root","group":"disk","inode":17,"device_id":5,"links":1,"device":1992,"content":null},
            {"name":"docs","type":"dir","mode":2147484141,"mtime":"2022-08-25T10:00:00.5+02:00",\
            "atime":"2022-08-25T10:00:00.5+02:00","ctime":"2022-08-25T10:00:01.000000001+02:00",\
            "uid":1000,"gid":1000,"user":"alice","group":"staff","inode":1001,"device_id":2049,\
            "content":null,"subtree":"%3$s"},
            {"name":"empty","type":"file","mode":420,"mtime":"2022-08-25T08:00:00Z",\
            "atime":"2022-08-25T08:00:00Z","ctime":"2022-08-25T08:00:00Z","uid":1000,"gid":1000,\
            "user":"alice","group":"staff","inode":1002,"device_id":2049,"links":1,"content":[]},
            {"name":"hello.txt","type":"file","mode":8389101,"mtime":"2020-01-01T23:34:05.12-03:30",\
            "atime":"2020-01-01T23:34:05-03:30","ctime":"2020-01-01T23:34:05.123456789-03:30",\
            "uid":1000,"gid":1000,"user":"alice","group":"staff","inode":1003,"device_id":2049,\
            "size":1048577,"links":2,"extended_attributes":[{"name":"user.comment","value":"YSBjb21tZW50"},\
            {"name":"user.empty","value":""}],"content":["%1$s","%2$s"]},
            {"name":"link","type":"symlink","mode":134218239,"mtime":"2022-08-25T08:00:00Z",\
            "atime":"2022-08-25T08:00:00Z","ctime":"2022-08-25T08:00:00Z","uid":1000,"gid":1000,\
            "inode":1004,"device_id":2049,"links":1,"linktarget":"../x \\u003c\\u0026\\u003e \\"q\\"",\
            "content":null},
            {"name":"quote\\\\\\"name","type":"fifo","mode":33554852,"mtime":"2022-08-25T08:00:00Z",\
            "atime":"2022-08-25T08:00:00Z","ctime":"2022-08-25T08:00:00Z","uid":1000,"gid":1000,\
            "inode":1005,"device_id":2049,"content":null,"error":"lstat: permission denied"}\
            ]}
            """.formatted(ID1, ID2, ID3).replace(",\n", ",");

    private static byte[] handWritten() {
        return HAND_WRITTEN.getBytes(UTF_8);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TreeCodecTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static String json(Tree t) {
        return new String(TreeCodec.serialize(t), UTF_8);
    }

    @Test
    void parseThenSerialize_handWrittenTree_byteIdentical() {
        assertTrue(HAND_WRITTEN.endsWith("]}\n") && !HAND_WRITTEN.contains(",\n"));
        assertEquals(HAND_WRITTEN, json(TreeCodec.parse(handWritten())));
    }

    @Test
    void parse_handWrittenTree_readsEveryField() {
        List<Node> nodes = TreeCodec.parse(handWritten()).nodes();
        Node dev = nodes.get(0);
        assertEquals(NodeType.DEV, dev.type());
        assertEquals(1992, dev.device());
        Node dir = nodes.get(1);
        assertEquals(Id.parse(ID3), dir.subtree());
        assertNull(dir.content());
        assertEquals(0, dir.links());
        assertEquals(OffsetDateTime.of(2022, 8, 25, 10, 0, 1, 1, ZoneOffset.ofHours(2)), dir.ctime());
        Node empty = nodes.get(2);
        assertEquals(List.of(), empty.content());
        assertEquals(0, empty.size());
        Node hello = nodes.get(3);
        assertEquals(List.of(Id.parse(ID1), Id.parse(ID2)), hello.content());
        assertEquals(04755, hello.posixPermissions());
        assertEquals(List.of(new ExtendedAttribute("user.comment", "a comment".getBytes(UTF_8)),
                new ExtendedAttribute("user.empty", new byte[0])), hello.extendedAttributes());
        assertEquals(ZoneOffset.ofHoursMinutes(-3, -30), hello.mtime().getOffset());
        Node link = nodes.get(4);
        assertEquals("../x <&> \"q\"", link.linktarget());
        assertNull(link.user());
        Node fifo = nodes.get(5);
        assertArrayEquals("quote\"name".getBytes(UTF_8), fifo.nameBytes());
        assertEquals("lstat: permission denied", fifo.error());
    }

    /** Format §8.2's table: name bytes and the JSON text restic stores for them. */
    static Stream<Arguments> specNameTable() {
        return Stream.of(
                Arguments.of("quote\"name".getBytes(UTF_8), "\"quote\\\\\\\"name\""),
                Arguments.of("back\\slash".getBytes(UTF_8), "\"back\\\\\\\\slash\""),
                Arguments.of("ctl\u0001\ttab".getBytes(UTF_8), "\"ctl\\\\x01\\\\ttab\""),
                Arguments.of("new\nline".getBytes(UTF_8), "\"new\\\\nline\""),
                Arguments.of(HexFormat.of().parseHex("626164ff75746638"), "\"bad\\\\xffutf8\""),
                Arguments.of("nb\u00a0sp".getBytes(UTF_8), "\"nb\\\\u00a0sp\""),
                Arguments.of("zw\u200bsp".getBytes(UTF_8), "\"zw\\\\u200bsp\""),
                Arguments.of("<tag>&amp".getBytes(UTF_8), "\"\\u003ctag\\u003e\\u0026amp\""),
                Arguments.of("café".getBytes(UTF_8), "\"café\""),
                Arguments.of("ａfullwidth".getBytes(UTF_8), "\"ａfullwidth\""),
                Arguments.of("😀emoji".getBytes(UTF_8), "\"😀emoji\""),
                Arguments.of("ls\u2028ps\u2029".getBytes(UTF_8), "\"ls\\\\u2028ps\\\\u2029\""));
    }

    private static String nodeJsonWithName(String storedName) {
        return "{\"nodes\":[{\"name\":" + storedName + ",\"type\":\"file\","
                + "\"mtime\":\"0001-01-01T00:00:00Z\",\"atime\":\"0001-01-01T00:00:00Z\","
                + "\"ctime\":\"0001-01-01T00:00:00Z\",\"uid\":0,\"gid\":0,\"content\":[]}]}\n";
    }

    @ParameterizedTest
    @MethodSource("specNameTable")
    void serialize_specTableName_writesStoredText(byte[] raw, String stored) {
        Node n = Node.builder(raw, NodeType.FILE).content(List.of()).build();
        assertEquals(nodeJsonWithName(stored), json(new Tree(List.of(n))));
    }

    @ParameterizedTest
    @MethodSource("specNameTable")
    void parse_specTableStoredText_givesNameBytes(byte[] raw, String stored) {
        Tree t = TreeCodec.parse(nodeJsonWithName(stored).getBytes(UTF_8));
        assertArrayEquals(raw, t.nodes().get(0).nameBytes());
    }

    @Test
    void serialize_zeroNode_omitsEmptyFieldsButKeepsUidGidTimesContent() {
        Node fifo = Node.builder("p", NodeType.FIFO).build();
        assertEquals("{\"nodes\":[{\"name\":\"p\",\"type\":\"fifo\",\"mtime\":\"0001-01-01T00:00:00Z\","
                + "\"atime\":\"0001-01-01T00:00:00Z\",\"ctime\":\"0001-01-01T00:00:00Z\","
                + "\"uid\":0,\"gid\":0,\"content\":null}]}\n", json(new Tree(List.of(fifo))));
    }

    @Test
    void serialize_emptyFile_writesEmptyContentArrayAndNoSize() {
        Node empty = Node.builder("e", NodeType.FILE).mode(420).links(1).content(List.of()).build();
        String s = json(new Tree(List.of(empty)));
        assertTrue(s.contains("\"links\":1,\"content\":[]}"), s);
        assertTrue(!s.contains("size"), s);
    }

    @Test
    void serialize_emptyTree_matchesResticsEmptyDirectoryId() {
        byte[] bytes = TreeCodec.serialize(new Tree(List.of()));
        assertEquals("{\"nodes\":[]}\n", new String(bytes, UTF_8));
        // The tree restic 0.14 stored for an empty directory here.
        assertEquals("ac08ce34ba4f8123618661bef2425f7028ffb9ac740578a3ee88684d2523fee8",
                TreeCodec.id(bytes).hex());
    }

    @Test
    void serialize_extendedAttributeWithNullValue_writesNull() {
        Node n = Node.builder("f", NodeType.FILE)
                .extendedAttributes(List.of(new ExtendedAttribute("user.<x>", null))).build();
        assertTrue(json(new Tree(List.of(n))).contains(
                "\"extended_attributes\":[{\"name\":\"user.\\u003cx\\u003e\",\"value\":null}]"));
    }

    @Test
    void serialize_replacementCharacterInStrings_writtenAsEscape() {
        // Go writes each invalid byte of a link target as \ufffd; we cannot tell that from a real
        // U+FFFD, so we write \ufffd for both (restic writes a real one raw: bytes differ, meaning not).
        Node n = Node.builder("l", NodeType.SYMLINK)
                .linktarget(new byte[] {'t', 'a', 'r', (byte) 0xFF, 'g', 'e', 't'}).build();
        assertTrue(json(new Tree(List.of(n))).contains("\"linktarget\":\"tar\\ufffdget\""));
    }

    @Test
    void serialize_uint64FieldsAboveLongMax_writtenUnsigned() {
        Node n = Node.builder("f", NodeType.FILE).inode(-1L).size(Long.MIN_VALUE).build();
        String s = json(new Tree(List.of(n)));
        assertTrue(s.contains("\"inode\":18446744073709551615"), s);
        assertTrue(s.contains("\"size\":9223372036854775808"), s);
        assertEquals(n, TreeCodec.parse(s.getBytes(UTF_8)).nodes().get(0));
    }

    @Test
    void serialize_yearOutsideGoRange_throwsNamingNode() {
        Node n = Node.builder("old\"one", NodeType.FILE)
                .mtime(OffsetDateTime.of(10000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TreeCodec.serialize(new Tree(List.of(n))));
        assertTrue(e.getMessage().startsWith("node 0 \"old\\\"one\": mtime:"), e.getMessage());
    }

    @Test
    void parse_anyFieldOrderUnknownFieldsNoNewline_givesCanonicalBytes() {
        String shuffled = "{\"future\":{\"a\":[1,2]},\"nodes\":[{\"content\":[],\"gid\":0,\"uid\":0,"
                + "\"ctime\":\"0001-01-01T00:00:00Z\",\"atime\":\"0001-01-01T00:00:00Z\","
                + "\"mtime\":\"0001-01-01T00:00:00Z\",\"type\":\"file\",\"generic_attributes\":{},"
                + "\"name\":\"café\"}]}";
        assertEquals(nodeJsonWithName("\"café\""), json(TreeCodec.parse(shuffled.getBytes(UTF_8))));
    }

    @Test
    void parse_missingOrNullOptionalFields_giveZeroValues() {
        String minimal = "{\"nodes\":[{\"name\":\"d\",\"type\":\"dir\",\"mtime\":null,\"uid\":null,"
                + "\"user\":null,\"extended_attributes\":null,\"subtree\":null}]}\n";
        Node n = TreeCodec.parse(minimal.getBytes(UTF_8)).nodes().get(0);
        assertEquals(Node.builder("d", NodeType.DIR).build(), n);
        assertEquals(Node.ZERO_TIME, n.ctime());
        assertNull(n.content());
    }

    @Test
    void parse_contentNullVersusEmpty_preserved() {
        String s = "{\"nodes\":[{\"name\":\"a\",\"type\":\"file\",\"content\":null},"
                + "{\"name\":\"b\",\"type\":\"file\",\"content\":[]},{\"name\":\"c\",\"type\":\"file\"}]}";
        List<Node> nodes = TreeCodec.parse(s.getBytes(UTF_8)).nodes();
        assertNull(nodes.get(0).content());
        assertEquals(List.of(), nodes.get(1).content());
        assertNull(nodes.get(2).content());
    }

    @Test
    void parse_nullOrMissingNodes_givesEmptyTree() {
        assertEquals(0, TreeCodec.parse("{\"nodes\":null}".getBytes(UTF_8)).size());
        assertEquals(0, TreeCodec.parse("{}\n".getBytes(UTF_8)).size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"nodes\":[{\"name\":\"a\",\"type\":\"file\"}          | -1 |          | end-of-input",
        "[]                                                        | -1 |          | expected a JSON object",
        "{\"nodes\":{}}                                            | -1 | nodes    | expected an array",
        "{\"nodes\":[{\"name\":\"a\",\"type\":\"file\"},7]}        |  1 |          | expected an object",
        "{\"nodes\":[{\"name\":\"a\",\"type\":\"whiteout\"}]}      |  0 | type     | whiteout",
        "{\"nodes\":[{\"name\":\"a\",\"type\":7}]}                 |  0 | type     | expected a string",
        "{\"nodes\":[{\"type\":\"file\"}]}                         |  0 | name     | missing",
        "{\"nodes\":[{\"name\":\"a\"}]}                            |  0 | type     | missing",
        "{\"nodes\":[{\"name\":\"a\\\\q\",\"type\":\"file\"}]}     |  0 | name     | unknown escape",
        "{\"nodes\":[{\"name\":\"a\",\"type\":\"file\",\"mtime\":\"yesterday\"}]} | 0 | mtime | yesterday",
        "{\"nodes\":[{\"name\":\"a\",\"type\":\"file\",\"uid\":-1}]}            | 0 | uid   | out of range",
        "{\"nodes\":[{\"name\":\"a\",\"type\":\"file\",\"gid\":4294967296}]}    | 0 | gid   | out of range",
        "{\"nodes\":[{\"name\":\"a\",\"type\":\"file\",\"mode\":1.5}]}          | 0 | mode  | fractional",
        "{\"nodes\":[{\"name\":\"a\",\"type\":\"file\",\"inode\":18446744073709551616}]} | 0 | inode | out of range",
        "{\"nodes\":[{\"name\":\"a\",\"type\":\"file\",\"content\":[\"abc\"]}]}  | 0 | content | abc",
        "{\"nodes\":[{\"name\":\"a\",\"type\":\"file\",\"content\":{}}]}         | 0 | content | expected an array",
        "{\"nodes\":[{\"name\":\"a\",\"type\":\"dir\",\"subtree\":\"zz\"}]}      | 0 | subtree | zz",
        "{\"nodes\":[{\"name\":\"a\",\"type\":\"file\",\"extended_attributes\":[{\"value\":\"!!\"}]}]} | 0 | extended_attributes | base64",
        "{\"nodes\":[{\"name\":\"b\",\"type\":\"file\"},{\"name\":\"a\",\"type\":\"file\"}]} | 1 | name | not sorted",
        "{\"nodes\":[{\"name\":\"a\",\"type\":\"file\"},{\"name\":\"a\",\"type\":\"file\"}]} | 1 | name | duplicate",
        "{\"nodes\":[]}x                                           | -1 |          | ",
        "{\"nodes\":[]}{}                                          | -1 |          | after the tree",
    })
    void parse_malformed_throwsTreeFormatExceptionNamingNodeAndField(
            String input, int index, String field, String detail) {
        TreeFormatException e = assertThrows(TreeFormatException.class,
                () -> TreeCodec.parse(input.getBytes(UTF_8)));
        assertEquals(index, e.nodeIndex(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        if (detail != null) {
            assertTrue(e.getMessage().contains(detail), e.getMessage());
        }
        if (index >= 0) {
            assertTrue(e.getMessage().contains("node " + index), e.getMessage());
        }
    }

    @Test
    void parse_notUtf8_throwsTreeFormatException() {
        byte[] bad = "{\"nodes\":[{\"name\":\"a\u00ff\",\"type\":\"file\"}]}".getBytes(UTF_8);
        bad[17] = (byte) 0xFF; // a lone 0xFF inside the string
        assertThrows(TreeFormatException.class, () -> TreeCodec.parse(bad));
    }

    @ParameterizedTest
    @CsvSource({
        "restic-0.14-tree-special-names.json, 1ecbd048550aa936741c96bcda961d9267b1be3a42e74386a31a174973e1e750",
        "restic-0.14-tree-offsets.json,       25b14a7d6e94f8b53450392e391dfc7ace64212ae0270611b7bd9fb934783e01",
    })
    void parseThenSerialize_treeWrittenByRestic_byteIdenticalWithSameId(String file, String id)
            throws IOException {
        // Tree blobs dumped with `restic cat blob` from repositories written by restic 0.14.0.
        byte[] original = resource(file);
        assertEquals(id, TreeCodec.id(original).hex());
        byte[] again = TreeCodec.serialize(TreeCodec.parse(original));
        assertArrayEquals(original, again);
        assertEquals(id, TreeCodec.id(again).hex());
    }

    @Test
    void parse_treeWrittenByRestic_decodesSpecialNamesToRawBytes() throws IOException {
        Tree t = TreeCodec.parse(resource("restic-0.14-tree-special-names.json"));
        assertTrue(t.find(HexFormat.of().parseHex("626164ff75746638")).isPresent()); // bad 0xFF utf8
        assertTrue(t.find("quote\"name".getBytes(UTF_8)).isPresent());
        assertTrue(t.find("new\nline".getBytes(UTF_8)).isPresent());
        Node hello = t.find("hello.txt".getBytes(UTF_8)).orElseThrow();
        assertEquals(04755, hello.posixPermissions());
        assertEquals(2, hello.links());
        Node sub = t.find("sub".getBytes(UTF_8)).orElseThrow();
        assertEquals(01777, sub.posixPermissions());
        Node badlink = t.find("badlink".getBytes(UTF_8)).orElseThrow();
        assertEquals("tar\ufffdget", badlink.linktarget());
        assertEquals(259, t.find("cdev".getBytes(UTF_8)).orElseThrow().device());
        assertEquals(List.of(), t.find("empty".getBytes(UTF_8)).orElseThrow().content());
    }

    @Test
    void parseThenSerialize_hundredThousandNodes_roundTripsQuickly() {
        List<Node> nodes = new ArrayList<>();
        OffsetDateTime t = OffsetDateTime.of(2026, 11, 21, 22, 13, 4, 533516439, ZoneOffset.UTC);
        for (int i = 0; i < 100_000; i++) {
            nodes.add(Node.builder(String.format("f%06d", i), NodeType.FILE).mode(420)
                    .mtime(t).atime(t).ctime(t).user("root").group("root").inode(i + 1L)
                    .deviceId(65024).size(i).links(1)
                    .content(List.of(Id.hash(new byte[] {(byte) i}))).build());
        }
        Tree tree = new Tree(nodes);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            byte[] bytes = TreeCodec.serialize(tree);
            Tree back = TreeCodec.parse(bytes);
            assertEquals(tree, back);
            assertArrayEquals(bytes, TreeCodec.serialize(back));
        });
    }
}
