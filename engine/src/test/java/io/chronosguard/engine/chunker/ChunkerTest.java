package io.chronosguard.engine.chunker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkerTest {

    /** §10.6 vector 1: offset, length, SHA-256 of each chunk for P = 3da3358b4dc173. */
    private static final String VECTOR_1 = """
            0 2026396 185d85a41eb48541c0d51d7cc602417b436823bff880b6dc6c28637512ec9167
            2026396 657897 e1a82540bc52f0e086122377387ccb5c36a08ebaa21d18e406c2673bd626c9dd
            2684293 1824845 2b6d7e00642817408f958ff1c7e2970f69a04a2dcbe5bad6a0496061b5ec2262
            4509138 1944954 8ac3c68336d1f4d7bf28f08e94549e87ca8c4eb9fb1a255438ddf1dc3f1ca9ab
            6454092 1158936 52726061d8489ac450a992618f2266a290194501d07a3d3dd344148ddc41281e
            7613028 1494380 8414968dde458a03ec54b18df181a8cd3ef045cab477c4b3532d1e91b433bddd
            9107408 600585 7a1c45455d94163a3e2c8f54fe41f2595e16e064d069b54d66aebfa7c9a67617
            9707993 540333 afaf5b4fd79d0f58970aea9734e1264549acb21b551c2ebb37df2173a1fa02c8
            10248326 1667062 29da306af05d5ed3c3fe025256fa24ff4d3455f9c5c5cf6f3f06663a4102a700
            11915388 868219 a555fcd30651a229a81b1e3dd6894c34b6477410fd2865c0a8213704b841d1bc
            12783607 1217552 c89221e600a3c4a295a595bbd81ebc1f98c566991db273fecd5ab777ed562ef1
            14001159 1978681 a209c622fe3408f4ee5a229bed36e5c1e123ec87dd13c334f25cd8700d8d34d3
            15979840 1508416 13c7dd4f548e45a2f7332d4a14d59d2ead8e684550e4c528ca0906cf332d86a8
            17488256 1018907 4440dcd3902d674ea965699ba8e9af7c41c95b6b82f4702b4896fa36b6b95675
            18507163 873601 ff9996eaa1dc719456c701adf653965a7e0a9e7507259c3b9766885b8f7a70bd
            19380764 567409 dad4a9ed61df4425b03229a017b8286cd1240eaff099127da93cbcb95de0b7c3
            19948173 1223988 cb1028c3085dbbc9e61f483fc39e9aa2d278330535cbfb5bd62be6c37adc3633
            21172161 3253962 00149dbe8769bd3b6d4ebd749c211e1be34f84da15da26b8df4db299110fd0bf
            24426123 1116669 3921b5c78941f30e9f3d500772002404483279612649c45d2c79cb2a90d28598
            25542792 1149878 3c8002bf81bfbdc082456754f233880106ab6b917bee10e581bcb3dfccaec352
            26692670 790215 7e5fba03ec489af0720e11ad098870daf9239f9aa25c2b9a1fc20803fab66c53
            27482885 1427052 bc1f48b09faadbe1a9049e812d603914524c108731ec1eeea619cf37ce142ff3
            28909937 829330 ea0472f2079073e9149a9e3499248cf676c3e106ef051649431523074ddf846f
            29739267 3504975 2cd75f2d9f66e622a86627d90cabfca522bddd56e95a7c0f5d066067f2e4f928
            33244242 1209762 df8dbfbe9b24031ae6971cd805983b9c182f0d76ab7b480bdeefbf9f110a944c
            34454004 1069941 09061afd6099b2f63459da53e57a71e706a0cfb5ca4f7bb344337bcb30afb5e2
            35523945 1885542 8e4e9af9935719847574a25dd30f4c8356bbefd684327129318d2582681d5dee
            37409487 1807687 dafecdf8c3928128a80fc23612b4a3fabdaef84648a7e235d602ca0c8f0c1904
            39217174 530736 98ae6f0f1504aac56a1b316e6b63b0fbc4e68109aa48603d564a971a32f797a3
            39747910 1619398 e4f51ed0a1feb9c7176676a6af4a35ed6f2c1388503398cf2cee237daf0bf10c
            41367308 575732 d9467f063486d82231b23120335eb729167d85991ef27df53ebee46b32493b62
            """;
    private static final int[] VECTOR_2_LENGTHS = {1019018, 658689, 2977786, 1989045, 551308, 1123578,
        1915749, 2067575, 910309, 1952057, 656021, 4047325, 788580, 1226625, 1667181, 2155365, 980359,
        2184968, 4726149, 3770017, 1774948, 1400729, 1399659};
    private static final int TWENTY_MIB = 20 * 1024 * 1024;

    private static byte[] data;

    @BeforeAll
    static void generateVectorData() {
        data = TestData.fortyMib();
        assertEquals("0466fb005fb5cab37924749ccd05de622247deea0d4fbd990afbbbb7d718c181",
                TestData.sha256Hex(data, 0, data.length), "40 MiB generator data differs from §10.6");
        assertEquals("7f60566c515db06ba4c64cc2d9bb70c3",
                HexFormat.of().formatHex(data, 0, 16), "generator's first 16 bytes differ from §10.6");
    }

    @Test
    void next_vector1_yieldsThe31ChunksOfSpec() throws IOException {
        List<String> expected = VECTOR_1.lines().toList();
        List<String> actual = new ArrayList<>();
        for (Chunk c : chunks(new Chunker(TestData.P1), new ByteArrayInputStream(data))) {
            actual.add(c.offset() + " " + c.length() + " " + TestData.sha256Hex(c.data(), 0, c.length()));
        }
        assertEquals(expected, actual);
    }

    @Test
    void cutPoints_vector1_matchesSpecBoundaries() {
        int[] expected = VECTOR_1.lines()
                .mapToInt(l -> Integer.parseInt(l.split(" ")[0]) + Integer.parseInt(l.split(" ")[1]))
                .toArray();
        assertArrayEquals(expected, Chunker.cutPoints(TestData.P1, data));
    }

    @Test
    void cutPoints_vector2_matchesSpecLengths() {
        assertArrayEquals(VECTOR_2_LENGTHS, lengths(Chunker.cutPoints(TestData.P2, data)));
    }

    @Test
    void next_vector2FromTrickleStream_matchesSpecLengths() throws IOException {
        // Reads of 1..7 bytes: every phase of a chunk straddles many buffer refills.
        Chunker chunker = new Chunker(TestData.P2);
        List<Chunk> chunks = chunks(chunker, new TrickleInputStream(data, 7));
        assertArrayEquals(VECTOR_2_LENGTHS, chunks.stream().mapToInt(Chunk::length).toArray());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 63, 64, 65, 1000, 600_000})
    void next_anyReadBufferSize_sameCutsAsCutPoints(int readSize) throws IOException {
        byte[] prefix = Arrays.copyOf(data, 7_000_000);
        int[] ends = new int[0];
        for (Chunk c : chunks(new Chunker(TestData.P1, readSize), new TrickleInputStream(prefix, 5000))) {
            assertArrayEquals(Arrays.copyOfRange(prefix, (int) c.offset(), (int) c.offset() + c.length()),
                    Arrays.copyOf(c.data(), c.length()));
            ends = Arrays.copyOf(ends, ends.length + 1);
            ends[ends.length - 1] = (int) c.offset() + c.length();
        }
        assertArrayEquals(Chunker.cutPoints(TestData.P1, prefix), ends);
    }

    @Test
    void next_vector3AllZeros_cutsEveryMinSize() throws IOException {
        for (Polynomial p : List.of(TestData.P1, TestData.P2)) {
            List<Chunk> chunks = chunks(new Chunker(p), new ByteArrayInputStream(new byte[TWENTY_MIB]));
            assertEquals(40, chunks.size());
            for (Chunk c : chunks) {
                assertEquals(Chunker.MIN_SIZE, c.length());
                assertEquals("07854d2fef297a06ba81685e660c332de36d5d18d546927d30daad6d7fda1541",
                        TestData.sha256Hex(c.data(), 0, c.length()));
            }
        }
    }

    @Test
    void next_vector4AllOnes_cutsAtMaxSizeThenEof() throws IOException {
        byte[] ones = new byte[TWENTY_MIB];
        Arrays.fill(ones, (byte) 1);
        String max = "bb929bbdce85fdbc903a463e96630a25f8b6ef5b76090e24cd92ea8fb47b2f65";
        String tail = "5d2bafc266e711ed1e303de871e5b281fea2083d96e579dd504798bba5a34b42";
        for (Polynomial p : List.of(TestData.P1, TestData.P2)) {
            List<String> actual = new ArrayList<>();
            for (Chunk c : chunks(new Chunker(p), new ByteArrayInputStream(ones))) {
                actual.add(c.length() + " " + TestData.sha256Hex(c.data(), 0, c.length()));
            }
            assertEquals(List.of("8388608 " + max, "8388608 " + max, "4194304 " + tail), actual);
        }
    }

    @Test
    void next_emptyStream_returnsNullAndKeepsReturningNull() throws IOException {
        Chunker chunker = new Chunker(TestData.P1);
        chunker.reset(InputStream.nullInputStream());
        assertNull(chunker.next(new byte[16]));
        assertNull(chunker.next(new byte[16]));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, Chunker.MIN_SIZE - 64, Chunker.MIN_SIZE - 63, Chunker.MIN_SIZE})
    void next_fileNoLongerThanMinSize_isOneChunk(int length) throws IOException {
        byte[] file = Arrays.copyOf(data, length);
        List<Chunk> chunks = chunks(new Chunker(TestData.P1), new ByteArrayInputStream(file));
        assertEquals(1, chunks.size());
        assertEquals(0, chunks.get(0).offset());
        assertEquals(length, chunks.get(0).length());
        assertArrayEquals(new int[] {length}, Chunker.cutPoints(TestData.P1, file));
    }

    @Test
    void next_maxSizeBuffer_isReusedForEveryChunk() throws IOException {
        Chunker chunker = new Chunker(TestData.P1);
        chunker.reset(new ByteArrayInputStream(data, 0, 10_000_000));
        byte[] buffer = new byte[Chunker.MAX_SIZE];
        for (Chunk c = chunker.next(buffer); c != null; c = chunker.next(buffer)) {
            assertSame(buffer, c.data());
        }
    }

    @Test
    void next_shortOrNullBuffer_returnsChunkInANewArray() throws IOException {
        Chunker chunker = new Chunker(TestData.P1);
        chunker.reset(new ByteArrayInputStream(data));
        byte[] small = new byte[10];
        Chunk first = chunker.next(small);
        assertNotSame(small, first.data());
        assertEquals(2_026_396, first.length());
        Chunk second = chunker.next(null);
        assertEquals(2_026_396, second.offset());
        assertEquals(657_897, second.length());
    }

    @Test
    void reset_secondFile_startsAgainAtOffsetZero() throws IOException {
        Chunker chunker = new Chunker(TestData.P1);
        chunker.reset(new ByteArrayInputStream(data, 0, 3_000_000));
        chunker.next(null);
        chunker.reset(new ByteArrayInputStream(data));
        Chunk c = chunker.next(null);
        assertEquals(0, c.offset());
        assertEquals(2_026_396, c.length());
    }

    @Test
    void next_beforeReset_throwsIllegalState() {
        Chunker chunker = new Chunker(TestData.P1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> chunker.next(null));
        assertEquals("call reset(InputStream) before next(byte[])", e.getMessage());
    }

    @Test
    void next_afterStreamFailed_throwsIllegalStateUntilReset() throws IOException {
        // Continuing after a failed read would silently shift every later chunk of the file.
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(new byte[1_000_000]),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("disk gone");
                    }
                });
        Chunker chunker = new Chunker(TestData.P1, 4096);
        chunker.reset(failing);
        assertEquals(Chunker.MIN_SIZE, chunker.next(null).length());
        assertThrows(IOException.class, () -> chunker.next(null));
        assertThrows(IllegalStateException.class, () -> chunker.next(null));
        chunker.reset(new ByteArrayInputStream(new byte[10]));
        assertEquals(10, chunker.next(null).length());
    }

    @Test
    void constructor_readSizeZero_throwsIllegalArgument() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Chunker(TestData.P1, 0));
        assertEquals("read size 0 is not positive", e.getMessage());
    }

    @Test
    void constructor_reduciblePolynomial_throwsIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> new Chunker(Polynomial.of(1L << 53 | 1)));
    }

    @Test
    void cutPoints_emptyArray_returnsNoCuts() {
        assertEquals(0, Chunker.cutPoints(TestData.P1, new byte[0]).length);
    }

    private static List<Chunk> chunks(Chunker chunker, InputStream in) throws IOException {
        // A fresh buffer per chunk, so the returned chunks stay intact for the assertions.
        chunker.reset(in);
        List<Chunk> chunks = new ArrayList<>();
        for (Chunk c = chunker.next(null); c != null; c = chunker.next(null)) {
            chunks.add(c);
        }
        return chunks;
    }

    private static int[] lengths(int[] cuts) {
        int[] lengths = new int[cuts.length];
        for (int i = 0; i < cuts.length; i++) {
            lengths[i] = cuts[i] - (i == 0 ? 0 : cuts[i - 1]);
        }
        return lengths;
    }
}
