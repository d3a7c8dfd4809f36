package io.chronosguard.cli;

import io.chronosguard.config.Settings;
import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.migration.importer.CatalogRunStore;
import io.chronosguard.migration.importer.Migration;
import io.chronosguard.migration.importer.Plan;
import io.chronosguard.migration.importer.Report;
import io.chronosguard.migration.importer.ReportJson;
import io.chronosguard.migration.importer.ReportText;
import io.chronosguard.migration.importer.RunStore;
import io.chronosguard.migration.legacy.MappedRun;
import io.chronosguard.migration.legacy.RejectedFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code migrate}: imports the old Python tool's history into the catalog, all or nothing
 * (see migration/LEGACY-FORMAT.md §9); or, with {@code --dry-run} / {@code --verify}, only
 * compares the sources with the catalog and writes nothing.
 */
@Command(name = "migrate", description = "Import the old backup tool's history (backup_history.json,"
        + " backup_status.json, profiles.json) into the catalog.")
final class MigrateCommand implements Callable<Integer> {
    @ParentCommand
    ChronosGuardCommand parent;

    @Option(names = "--from", required = true, paramLabel = "FILE|DIR",
            description = "A legacy file, or the old tool's folder (every .json file in it; which file is which"
                    + " is read from the content).")
    Path from;

    @Option(names = "--legacy-zone", paramLabel = "ZONE",
            description = "Time zone the old machine's clock was in, e.g. America/New_York (default: this machine's).")
    String legacyZone;

    @Option(names = "--dry-run", description = "Read and report; write nothing.")
    boolean dryRun;

    @Option(names = "--verify", description = "Check that every importable run of the sources is in the catalog;"
            + " list those that are not (exit 1). Writes nothing.")
    boolean verify;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        CliContext ctx = parent.ctx();
        ZoneId zone = zone();
        Report.Mode mode = verify ? Report.Mode.VERIFY : dryRun ? Report.Mode.DRY_RUN : Report.Mode.IMPORT;
        Plan plan = read(zone);
        Report report = plan.importable() ? run(ctx, plan, mode) : new Report(plan, mode, null, null);
        if (json) {
            ctx.out().println(ReportJson.of(report));
        } else {
            ReportText.print(report, ctx.out());
        }
        if (!plan.importable()) {
            RejectedFileException first = plan.rejected().get(0);
            String more = plan.rejected().size() > 1 ? " (and " + (plan.rejected().size() - 1) + " more rejected)" : "";
            String hint = Files.isDirectory(from) && !plan.accepted().isEmpty()
                    ? " (a folder imports all or nothing: move the file away, or import files one by one with --from FILE)"
                    : "";
            throw new CliException(ExitCode.REJECTED, first.getMessage() + more + "; nothing imported" + hint);
        }
        return mode == Report.Mode.VERIFY && !report.missing().isEmpty() ? ExitCode.FAILED : ExitCode.OK;
    }

    private Report run(CliContext ctx, Plan plan, Report.Mode mode) {
        if (mode == Report.Mode.IMPORT) {
            try (Catalog catalog = ctx.openCatalog()) {
                return new Report(plan, mode, Migration.commit(plan, new CatalogRunStore(catalog)), null);
            }
        }
        Optional<Catalog> existing = existingCatalog(ctx);
        try {
            RunStore store = existing.<RunStore>map(CatalogRunStore::new).orElse(EMPTY);
            List<MappedRun> missing = Migration.missing(plan, store);
            return new Report(plan, mode, null, missing);
        } finally {
            existing.ifPresent(Catalog::close);
        }
    }

    /**
     * The catalog, unless it is an SQLite file that does not exist yet: a dry run or a
     * verification must not create one.
     */
    private static Optional<Catalog> existingCatalog(CliContext ctx) {
        Settings s = ctx.settings();
        Optional<Path> sqliteFile = s.catalogUrl().isPresent()
                ? s.catalogUrl().filter(u -> u.startsWith("jdbc:sqlite:")).map(u -> Path.of(u.substring(12)))
                : Optional.of(s.stateDir().resolve("catalog.db"));
        if (sqliteFile.isPresent() && !Files.exists(sqliteFile.get())) {
            return Optional.empty();
        }
        return Optional.of(ctx.openCatalog());
    }

    private Plan read(ZoneId zone) {
        try {
            return new Migration(zone).read(from);
        } catch (IOException e) {
            throw new CliException(ExitCode.IO, e.getMessage());
        }
    }

    private ZoneId zone() {
        if (legacyZone == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(legacyZone);
        } catch (DateTimeException e) {
            throw new CliException(ExitCode.USAGE, "invalid --legacy-zone '" + legacyZone
                    + "': not a time zone such as America/New_York, Europe/Berlin or UTC");
        }
    }

    /** No catalog yet: nothing is stored. */
    private static final RunStore EMPTY = new RunStore() {
        @Override
        public Set<String> fingerprints() {
            return Set.of();
        }

        @Override
        public Stored store(List<MappedRun> runs) {
            throw new IllegalStateException("dry runs and verification store nothing");
        }
    };
}
