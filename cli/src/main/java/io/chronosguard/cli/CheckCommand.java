package io.chronosguard.cli;

import io.chronosguard.engine.checker.CheckOptions;
import io.chronosguard.engine.checker.CheckResult;
import io.chronosguard.engine.checker.Checker;
import io.chronosguard.engine.checker.Problem;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code check [--read-data | --read-data-subset N%|n/t]}. */
@Command(name = "check", description = "Check the repository for errors; exit 1 when any is found.")
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    ChronosGuardCommand parent;

    @ArgGroup(exclusive = true)
    ReadData readData = new ReadData();

    static final class ReadData {
        @Option(names = "--read-data", description = "Also read and verify every pack's bytes.")
        boolean all;

        @Option(names = "--read-data-subset", paramLabel = "N%|n/t",
                description = "Read a random N% of the packs, or part n of t.")
        String subset;
    }

    @Option(names = "--threads", paramLabel = "N", description = "Packs read at once (default: workers setting).")
    Integer threads;

    @Override
    public Integer call() {
        CliContext ctx = parent.ctx();
        double percent = readData.all ? 100 : readData.subset == null ? 0 : parseSubset(readData.subset);
        int n = threads != null ? threads : ctx.settings().workers();
        PrintStream out = ctx.out();
        try (Repository repo = ctx.openRepository(); Locker.RepoLock lock = ctx.lock(repo, false)) {
            out.println("checking repository " + repo.backend().location() + " (format v" + repo.version() + ")");
            out.println(percent > 0 ? "check snapshots, trees and blobs; read " + fmt(percent) + "% of the pack data"
                    : "check snapshots, trees and blobs");
            CheckResult r = new Checker(repo, p -> (p.severity() == Problem.Severity.ERROR ? ctx.err() : out)
                    .println(p)).check(new CheckOptions(percent, Math.max(1, n)));
            out.printf("checked %d snapshots, %d trees, %d packs read%n", r.snapshots(), r.trees(), r.packsRead());
            if (!r.ok()) {
                long errors = r.problems().stream().filter(p -> p.severity() == Problem.Severity.ERROR).count();
                ctx.err().println("chronosguard: the repository contains errors (" + errors + " found)");
                return ExitCode.FAILED;
            }
            out.println("no errors were found");
        }
        return ExitCode.OK;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    static double parseSubset(String s) {
        String bad = "--read-data-subset must be N% (0 < N <= 100) or n/t (1 <= n <= t), got \"" + s + "\"";
        try {
            if (s.endsWith("%")) {
                double p = Double.parseDouble(s.substring(0, s.length() - 1));
                if (p <= 0 || p > 100) {
                    throw new CliException(ExitCode.USAGE, bad);
                }
                return p;
            }
            String[] parts = s.split("/");
            if (parts.length == 2) {
                int k = Integer.parseInt(parts[0]);
                int t = Integer.parseInt(parts[1]);
                if (k >= 1 && k <= t) {
                    return 100.0 / t;
                }
            }
        } catch (NumberFormatException e) {
            throw new CliException(ExitCode.USAGE, bad);
        }
        throw new CliException(ExitCode.USAGE, bad);
    }
}
