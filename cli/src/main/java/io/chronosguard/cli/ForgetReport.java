package io.chronosguard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronosguard.engine.forget.ForgetPlan;
import io.chronosguard.engine.forget.GroupKey;
import io.chronosguard.engine.forget.KeepReason;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.engine.repo.format.ResticJson;
import io.chronosguard.engine.repo.format.Snapshot;
import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Prints a {@link ForgetPlan} as restic 0.14's {@code forget} does: tables, or its JSON. */
final class ForgetReport {
    private static final DateTimeFormatter TABLE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ForgetReport() {
    }

    // ---- JSON ----

    /**
     * restic's {@code forget --json}: an array with one object per group ({@code tags},
     * {@code host}, {@code paths}, {@code keep}, {@code remove}, {@code reasons}); Go's empty
     * lists print as {@code null}. Like restic, snapshot paths are sorted, and tags too when
     * grouping by tags.
     */
    static ArrayNode json(ForgetPlan plan) {
        ArrayNode groups = ResticJson.mapper().createArrayNode();
        boolean sortTags = plan.groupBy().tags();
        for (ForgetPlan.Group g : plan.groups()) {
            ObjectNode o = groups.addObject();
            putList(o, "tags", g.key().tags());
            o.put("host", g.key().hostname());
            putList(o, "paths", g.key().paths());
            putSnapshots(o, "keep", g.outcome().keep(), sortTags);
            putSnapshots(o, "remove", g.outcome().remove(), sortTags);
            if (g.outcome().reasons().isEmpty()) {
                o.putNull("reasons");
            } else {
                ArrayNode reasons = o.putArray("reasons");
                g.outcome().reasons().forEach(r -> reasons.add(reason(r, sortTags)));
            }
        }
        return groups;
    }

    private static void putList(ObjectNode o, String field, List<String> values) {
        if (values == null) {
            o.putNull(field);
        } else {
            values.forEach(o.putArray(field)::add);
        }
    }

    private static void putSnapshots(ObjectNode o, String field, List<Snapshots.Entry> list, boolean sortTags) {
        if (list.isEmpty()) {
            o.putNull(field);
            return;
        }
        ArrayNode arr = o.putArray(field);
        for (Snapshots.Entry e : list) {
            ObjectNode s = snapshot(e.snapshot(), sortTags);
            s.put("id", e.id().hex());
            s.put("short_id", e.id().shortHex());
            arr.add(s);
        }
    }

    private static ObjectNode snapshot(Snapshot snapshot, boolean sortTags) {
        ObjectNode s = ResticJson.mapper().valueToTree(snapshot);
        // restic's grouping sorts these lists in place before they are printed
        sortArray(s, "paths");
        if (sortTags) {
            sortArray(s, "tags");
        }
        return s;
    }

    private static void sortArray(ObjectNode s, String field) {
        if (s.get(field) instanceof ArrayNode arr) {
            List<String> values = new ArrayList<>();
            arr.forEach(v -> values.add(v.asText()));
            values.sort(GroupKey.GO_STRING_ORDER);
            arr.removeAll();
            values.forEach(arr::add);
        }
    }

    private static ObjectNode reason(KeepReason r, boolean sortTags) {
        ObjectNode o = ResticJson.mapper().createObjectNode();
        o.set("snapshot", snapshot(r.snapshot().snapshot(), sortTags));
        r.matches().forEach(o.putArray("matches")::add);
        ObjectNode c = o.putObject("counters");
        KeepReason.Counters n = r.counters();
        int[] values = {n.last(), n.hourly(), n.daily(), n.weekly(), n.monthly(), n.yearly()};
        String[] names = {"last", "hourly", "daily", "weekly", "monthly", "yearly"};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0) {
                c.put(names[i], values[i]);
            }
        }
        return o;
    }

    // ---- text ----

    /** The per-group tables of a policy run. */
    static void printGroups(PrintStream out, ForgetPlan plan) {
        for (ForgetPlan.Group g : plan.groups()) {
            String key = g.key().describe();
            if (!key.isEmpty()) {
                out.println("snapshots for (" + key + "):");
            }
            Map<Id, List<String>> reasons = new HashMap<>();
            g.outcome().reasons().forEach(r -> reasons.put(r.snapshot().id(), r.matches()));
            if (!g.outcome().keep().isEmpty()) {
                out.println("keep " + g.outcome().keep().size() + " snapshots:");
                printTable(out, g.outcome().keep(), reasons);
                out.println();
            }
            if (!g.outcome().remove().isEmpty()) {
                out.println("remove " + g.outcome().remove().size() + " snapshots:");
                printTable(out, g.outcome().remove(), null);
                out.println();
            }
        }
    }

    /** A table of snapshots, oldest first, with a Reasons column when {@code reasons} is given. */
    static void printTable(PrintStream out, List<Snapshots.Entry> entries, Map<Id, List<String>> reasons) {
        List<Snapshots.Entry> list = new ArrayList<>(entries);
        list.sort(Comparator.comparing((Snapshots.Entry e) -> e.snapshot().parsedTime().toInstant()));
        List<List<List<String>>> rows = new ArrayList<>();
        List<List<String>> header = new ArrayList<>(List.of(List.of("ID"), List.of("Time"), List.of("Host"),
                List.of("Tags")));
        if (reasons != null) {
            header.add(List.of("Reasons"));
        }
        header.add(List.of("Paths"));
        rows.add(header);
        for (Snapshots.Entry e : list) {
            Snapshot s = e.snapshot();
            List<List<String>> row = new ArrayList<>(List.of(List.of(e.id().shortHex()),
                    List.of(TABLE_TIME.format(s.parsedTime())), List.of(s.hostname() == null ? "" : s.hostname()),
                    List.of(String.join(",", s.tags()))));
            if (reasons != null) {
                row.add(reasons.getOrDefault(e.id(), List.of()));
            }
            row.add(s.paths());
            rows.add(row);
        }
        int[] widths = widths(rows);
        String rule = "-".repeat(Math.max(0, IntStream.of(widths).map(w -> w + 2).sum() - 2));
        for (int r = 0; r < rows.size(); r++) {
            printRow(out, rows.get(r), widths);
            if (r == 0) {
                out.println(rule);
            }
        }
        out.println(rule);
        out.println(list.size() + " snapshots");
    }

    /** The widest line of each column; a cell may hold several lines. */
    private static int[] widths(List<List<List<String>>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<List<String>> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                for (String line : row.get(c)) {
                    widths[c] = Math.max(widths[c], line.length());
                }
            }
        }
        return widths;
    }

    private static void printRow(PrintStream out, List<List<String>> row, int[] widths) {
        int lines = 1;
        for (List<String> cell : row) {
            lines = Math.max(lines, cell.size());
        }
        for (int l = 0; l < lines; l++) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                String text = l < row.get(c).size() ? row.get(c).get(l) : "";
                b.append(text);
                if (c < row.size() - 1) {
                    b.append(" ".repeat(widths[c] - text.length() + 2));
                }
            }
            out.println(b.toString().stripTrailing());
        }
    }

    /** restic's dry-run summary: {@code {id1 id2 …}} in short form. */
    static void printWouldRemove(PrintStream out, List<Id> ids) {
        out.println("Would have removed the following snapshots:");
        out.println("{" + String.join(" ", ids.stream().map(Id::shortHex).toList()) + "}");
        out.println();
    }
}
