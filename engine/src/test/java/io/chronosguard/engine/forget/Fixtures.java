package io.chronosguard.engine.forget;

import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.engine.repo.format.ResticTime;
import io.chronosguard.engine.repo.format.Snapshot;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Snapshots for policy tests: only time, host, tags and paths matter; ids derive from a number. */
final class Fixtures {
    private static final String TREE = "0".repeat(64);

    private Fixtures() {
    }

    /** {@code "2014-08-13 10:20:30.1"} read as UTC, like restic's {@code parseTimeUTC}. */
    static OffsetDateTime at(String utc) {
        return LocalDateTime.parse(utc.replace(' ', 'T')).atOffset(ZoneOffset.UTC);
    }

    static Id id(int n) {
        return Id.hash(("snapshot " + n).getBytes(StandardCharsets.UTF_8));
    }

    static Snapshots.Entry snap(int n, String utc, List<String> tags, List<String> paths) {
        return snap(n, at(utc), "", tags, paths);
    }

    static Snapshots.Entry snap(int n, OffsetDateTime time) {
        return snap(n, time, "", List.of(), List.of());
    }

    static Snapshots.Entry snap(int n, OffsetDateTime time, String host, List<String> tags, List<String> paths) {
        Snapshot s = new Snapshot(ResticTime.format(time), null, TREE, paths, host, "", 0, 0, List.of(), tags, null);
        return new Snapshots.Entry(id(n), s);
    }

    /** Appends untagged snapshots without paths at the given UTC times, numbered on from the list's size. */
    static void times(List<Snapshots.Entry> list, String... utc) {
        for (String t : utc) {
            list.add(snap(list.size(), t, List.of(), List.of()));
        }
    }
}
