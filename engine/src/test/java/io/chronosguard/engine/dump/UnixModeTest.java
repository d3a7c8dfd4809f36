package io.chronosguard.engine.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chronosguard.engine.repo.InMemoryBlobs;
import io.chronosguard.engine.repo.format.NodeType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnixModeTest {
    /** Format §8: restic stores st_rdev in Linux's encoding (glibc makedev); 7,200 → 1992 and 1,3 → 259. */
    @ParameterizedTest
    @CsvSource({"1992, 7, 200", "259, 1, 3", "0, 0, 0", "17592186044416, 4096, 0", "268435711, 0, 65791",
        "1114924, 259, 300"})
    void majorMinor_linuxDevT_splitLikeGlibc(long dev, int major, int minor) {
        assertEquals(major, UnixMode.major(dev));
        assertEquals(minor, UnixMode.minor(dev));
    }

    @ParameterizedTest
    @CsvSource({"FILE, 0644, 0100644", "DIR, 01777, 0041777", "SYMLINK, 0777, 0120777", "FIFO, 0600, 0010600",
        "DEV, 0660, 0060660", "CHARDEV, 0620, 0020620", "FILE, 06755, 0106755"})
    void of_nodeType_addsPosixTypeBits(NodeType type, String perm, String expected) {
        int p = Integer.parseInt(perm, 8);
        assertEquals(Integer.parseInt(expected, 8), UnixMode.of(InMemoryBlobs.base("n", type, p).build()));
    }
}
