package io.chronosguard.migration.importer;

import io.chronosguard.migration.legacy.LegacyFile;
import io.chronosguard.migration.legacy.LegacyProfile;
import io.chronosguard.migration.legacy.MappedRun;
import io.chronosguard.migration.legacy.Notice;
import io.chronosguard.migration.legacy.RejectedFileException;
import io.chronosguard.migration.legacy.UnfinishedSession;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The human-readable report; long lists are cut (the JSON report has everything). */
public final class ReportText {
    /** Lines shown per list before "... and N more". */
    static final int LIST_LIMIT = 20;

    private ReportText() {
    }

    public static void print(Report report, PrintStream out) {
        Plan plan = report.plan();
        out.println("Read " + plural(plan.accepted().size() + plan.rejected().size(), "file") + " from " + plan.from()
                + " (legacy times read in " + plan.zone() + "):");
        for (LegacyFile f : plan.accepted()) {
            out.println("  " + f.file() + ": " + describe(f));
        }
        for (RejectedFileException r : plan.rejected()) {
            out.println("  " + r.file() + ": REJECTED " + r.rejection() + ": " + r.detail());
        }
        if (!plan.ignored().isEmpty()) {
            out.println("  ignored (not .json): " + String.join(", ", plan.ignored()));
        }
        out.println("Runs found: " + plan.runs().size() + " distinct, " + plural(plan.duplicates(), "duplicate sighting")
                + ", " + plan.skipped().size() + " skipped, " + plural(dryRuns(plan.runs()), "dry run"));
        list(out, "Skipped entries", plan.skipped().stream().map(Notice::toString).toList());
        list(out, "Warnings", plan.warnings().stream().map(Notice::toString).toList());
        list(out, "Unfinished sessions (not imported as runs)",
                plan.unfinished().stream().map(ReportText::describe).toList());
        profiles(out, plan.profiles());
        outcome(report, out);
    }

    private static void outcome(Report report, PrintStream out) {
        Plan plan = report.plan();
        if (!plan.importable()) {
            out.println("Nothing imported: " + plural(plan.rejected().size(), "file was", "files were")
                    + " rejected, and an import is all or nothing.");
            return;
        }
        switch (report.mode()) {
            case IMPORT -> out.println("Imported " + plural(report.stored().inserted(), "new run") + " ("
                    + report.stored().alreadyPresent() + " already in the catalog).");
            case DRY_RUN -> out.println("Dry run: would import " + plural(report.missing().size(), "new run") + " ("
                    + (plan.runs().size() - report.missing().size()) + " already in the catalog); nothing written.");
            case VERIFY -> {
                if (report.missing().isEmpty()) {
                    out.println("Verified: all " + plural(plan.runs().size(), "importable run")
                            + " are in the catalog.");
                } else {
                    list(out, "Missing from the catalog", report.missing().stream()
                            .map(r -> r.originFile() + " history[" + r.index() + "]: " + r.localDate() + " ("
                                    + r.startedAt() + ") " + r.fingerprint().substring(0, 12)).toList());
                    out.println("Verify failed: " + report.missing().size() + " of "
                            + plural(plan.runs().size(), "importable run") + " missing from the catalog.");
                }
            }
        }
    }

    private static String describe(LegacyFile f) {
        StringBuilder sb = new StringBuilder(f.kind().wire());
        if (f.variant() != null) {
            sb.append(" (").append(f.variant()).append(f.simulated() ? ", simulated backups" : "").append(')');
        }
        if (f.folders() != null) {
            sb.append(", ").append(plural(f.folders(), "folder"));
        }
        if (f.kind() != io.chronosguard.migration.legacy.FileKind.PROFILES) {
            sb.append(", ").append(plural(f.entries(), "history entry", "history entries"))
                    .append(", ").append(plural(f.runs().size(), "run"));
        }
        if (!f.skipped().isEmpty()) {
            sb.append(", ").append(f.skipped().size()).append(" skipped");
        }
        if (!f.profiles().isEmpty()) {
            sb.append(", ").append(plural(f.profiles().size(), "profile"));
        }
        f.unfinished().ifPresent(u -> sb.append(", unfinished session (").append(u.state()).append(')'));
        return sb.toString();
    }

    private static String describe(UnfinishedSession u) {
        return u.file() + ": state " + u.state()
                + (u.startedAt() == null ? "" : " since " + u.startedAt())
                + (u.currentFolder() == null ? "" : ", copying '" + u.currentFolder() + "'"
                        + (u.progress() == null ? "" : " at " + u.progress() + " %"))
                + (u.currentIndex() == null ? "" : ", folder " + (u.currentIndex() + 1) + " of " + u.folders())
                + (u.sessionId() == null ? "" : ", session " + u.sessionId());
    }

    private static void profiles(PrintStream out, List<LegacyProfile> profiles) {
        if (profiles.isEmpty()) {
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        profiles.forEach(p -> ids.add(p.id()));
        out.println("Profiles found: " + ids.size() + " (" + String.join(", ", ids)
                + "); reported only: the catalog keeps runs, not profiles.");
    }

    private static void list(PrintStream out, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.println(title + ":");
        lines.stream().limit(LIST_LIMIT).forEach(l -> out.println("  " + l));
        if (lines.size() > LIST_LIMIT) {
            out.println("  ... and " + (lines.size() - LIST_LIMIT) + " more (--json lists them all)");
        }
    }

    private static long dryRuns(List<MappedRun> runs) {
        return runs.stream().filter(MappedRun::dryRun).count();
    }

    static String plural(long n, String one) {
        return plural(n, one, one + "s");
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
