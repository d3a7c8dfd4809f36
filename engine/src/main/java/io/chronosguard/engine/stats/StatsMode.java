package io.chronosguard.engine.stats;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How {@link StatsCollector} counts; the names are restic's {@code --mode} values. */
public enum StatsMode {
    /** Every entry of every snapshot, sizes as a restore writes them (hard links once). */
    RESTORE_SIZE("restore-size"),
    /** Entries unique by content (their list of blob ids), and their sizes. */
    FILES_BY_CONTENTS("files-by-contents"),
    /** Blobs unique per file path among content-unique files, and their plaintext sizes. */
    BLOBS_PER_FILE("blobs-per-file"),
    /** Blobs (data and tree) the snapshots reference, once each, at their stored size. */
    RAW_DATA("raw-data");

    private final String id;

    StatsMode(String id) {
        this.id = id;
    }

    /** The mode's name as restic spells it, e.g. {@code restore-size}. */
    public String id() {
        return id;
    }

    /**
     * The mode called {@code id}.
     *
     * @throws IllegalArgumentException naming the known modes
     */
    public static StatsMode fromId(String id) {
        for (StatsMode m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown stats mode \"" + id + "\" (use one of "
                + Arrays.stream(values()).map(StatsMode::id).collect(Collectors.joining(", ")) + ")");
    }
}
