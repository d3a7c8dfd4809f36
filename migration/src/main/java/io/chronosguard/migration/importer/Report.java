package io.chronosguard.migration.importer;

import io.chronosguard.migration.legacy.MappedRun;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one {@code migrate} invocation, for the text and JSON reports.
 *
 * @param plan      what was read
 * @param mode      what was asked
 * @param stored    what the import wrote (IMPORT mode with an importable plan), else null
 * @param missing   runs not in the catalog: for DRY_RUN those that would be imported, for
 *                  VERIFY those the check found missing; null for IMPORT
 */
public record Report(Plan plan, Mode mode, RunStore.Stored stored, List<MappedRun> missing) {
    /** What {@code migrate} was asked to do. */
    public enum Mode {
        IMPORT, DRY_RUN, VERIFY
    }

    public Report {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(mode, "mode");
        missing = missing == null ? null : List.copyOf(missing);
    }
}
