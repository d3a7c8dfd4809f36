package io.chronosguard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.KeyRing;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.format.FormatException;
import io.chronosguard.engine.repo.format.KeyFile;
import io.chronosguard.engine.repo.format.ResticJson;
import io.chronosguard.engine.repo.format.ResticTime;
import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code key list}: the key files, marking with {@code *} the one this password opened; as restic shows them. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the keys; * marks the key the given password opened.")
final class KeyListCommand implements Callable<Integer> {
    private static final DateTimeFormatter TABLE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @ParentCommand
    KeyCommand parent;

    @Option(names = "--json", description = "Print a JSON array shaped like restic's key list --json.")
    boolean json;

    /** One line of the listing, with the values restic 0.14 shows. */
    record Row(boolean current, String id, String userName, String hostName, String created) {
    }

    @Override
    public Integer call() {
        CliContext ctx = parent.ctx();
        try (Repository repo = ctx.openRepository(); Locker.RepoLock lock = ctx.lock(repo, false)) {
            Id current = repo.keyId().orElse(null);
            List<KeyRing.Entry> keys = new ArrayList<>(KeyRing.list(repo.backend(),
                    problem -> ctx.err().println("chronosguard: warning: skipping " + problem)));
            keys.sort(Comparator.comparing((KeyRing.Entry e) -> e.file().created(),
                    Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(KeyRing.Entry::id));
            List<Row> rows = keys.stream().map(e -> row(e, current)).toList();
            if (json) {
                printJson(ctx.out(), rows);
            } else {
                printTable(ctx.out(), rows);
            }
        }
        return ExitCode.OK;
    }

    static Row row(KeyRing.Entry e, Id current) {
        KeyFile f = e.file();
        return new Row(e.id().equals(current), e.id().shortHex(), nullToEmpty(f.username()),
                nullToEmpty(f.hostname()), localTime(f.created()));
    }

    /** restic shows the creation time in the local zone to the second; an unreadable one as stored. */
    static String localTime(String created) {
        try {
            return TABLE_TIME.format(ResticTime.parse(created, "key").atZoneSameInstant(ZoneId.systemDefault()));
        } catch (FormatException e) {
            return nullToEmpty(created);
        }
    }

    private static void printJson(PrintStream out, List<Row> rows) {
        ArrayNode arr = ResticJson.mapper().createArrayNode();
        for (Row r : rows) {
            ObjectNode n = arr.addObject();
            n.put("current", r.current());
            n.put("id", r.id());
            n.put("userName", r.userName());
            n.put("hostName", r.hostName());
            n.put("created", r.created());
        }
        out.println(arr);
    }

    private static void printTable(PrintStream out, List<Row> rows) {
        table(rows).forEach(out::println);
    }

    /** restic's layout: columns as wide as their widest cell, two spaces apart, rules as wide as the table. */
    static List<String> table(List<Row> rows) {
        String[] header = {" ID", "User", "Host", "Created"};
        List<String[]> lines = new ArrayList<>();
        for (Row r : rows) {
            lines.add(new String[] {(r.current() ? "*" : " ") + r.id(), r.userName(), r.hostName(), r.created()});
        }
        int[] width = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            width[c] = header[c].length();
            for (String[] l : lines) {
                width[c] = Math.max(width[c], l[c].length());
            }
        }
        int total = 2 * (header.length - 1);
        for (int w : width) {
            total += w;
        }
        String rule = "-".repeat(total);
        List<String> out = new ArrayList<>();
        out.add(format(header, width));
        out.add(rule);
        lines.forEach(l -> out.add(format(l, width)));
        out.add(rule);
        return out;
    }

    private static String format(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                sb.append("  ");
            }
            sb.append(cells[c]).append(" ".repeat(width[c] - cells[c].length()));
        }
        return sb.toString().stripTrailing();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
