package io.chronosguard.migration.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronosguard.migration.legacy.LegacyFile;
import io.chronosguard.migration.legacy.LegacyProfile;
import io.chronosguard.migration.legacy.MappedRun;
import io.chronosguard.migration.legacy.Notice;
import io.chronosguard.migration.legacy.RejectedFileException;
import io.chronosguard.migration.legacy.UnfinishedSession;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The machine-readable report: one JSON object with every file, count, skipped entry,
 * warning, unfinished session and profile; snake_case keys, times as ISO-8601 UTC.
 */
public final class ReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportJson() {
    }

    public static ObjectNode of(Report report) {
        Plan plan = report.plan();
        ObjectNode root = JSON.createObjectNode();
        root.put("from", plan.from().toString());
        root.put("legacy_zone", plan.zone().getId());
        root.put("mode", report.mode().name().toLowerCase(Locale.ROOT));
        ArrayNode files = root.putArray("files");
        plan.accepted().forEach(f -> files.add(file(f)));
        plan.rejected().forEach(r -> files.add(rejected(r)));
        ArrayNode ignored = root.putArray("ignored");
        plan.ignored().forEach(ignored::add);
        root.put("runs_found", plan.runs().size());
        root.put("dry_runs", plan.runs().stream().filter(MappedRun::dryRun).count());
        root.put("duplicates", plan.duplicates());
        root.put("rejected_files", plan.rejected().size());
        root.put("imported", report.stored() == null ? 0 : report.stored().inserted());
        if (report.stored() != null) {
            root.put("already_in_catalog", report.stored().alreadyPresent());
        }
        if (report.mode() == Report.Mode.DRY_RUN && plan.importable()) {
            root.put("would_import", report.missing().size());
            root.put("already_in_catalog", plan.runs().size() - report.missing().size());
        }
        if (report.mode() == Report.Mode.VERIFY && plan.importable()) {
            root.put("verified", report.missing().isEmpty());
            ArrayNode missing = root.putArray("missing");
            report.missing().forEach(r -> missing.add(run(r)));
        }
        notices(root.putArray("skipped"), plan.skipped(), "reason");
        notices(root.putArray("warnings"), plan.warnings(), "message");
        ArrayNode sessions = root.putArray("unfinished_sessions");
        plan.unfinished().forEach(u -> sessions.add(session(u)));
        ArrayNode profiles = root.putArray("profiles");
        plan.profiles().forEach(p -> profiles.add(profile(p)));
        return root;
    }

    private static ObjectNode file(LegacyFile f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("path", f.file());
        n.put("accepted", true);
        n.put("kind", f.kind().wire());
        if (f.variant() != null) {
            n.put("variant", f.variant());
        }
        n.put("simulated", f.simulated());
        n.put("entries", f.entries());
        n.put("runs", f.runs().size());
        n.put("skipped", f.skipped().size());
        if (f.folders() != null) {
            n.put("folders", f.folders());
        }
        n.put("profiles", f.profiles().size());
        n.put("unfinished_session", f.unfinished().isPresent());
        return n;
    }

    private static ObjectNode rejected(RejectedFileException r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("path", r.file());
        n.put("accepted", false);
        n.put("rejection", r.rejection().name());
        n.put("detail", r.detail());
        return n;
    }

    private static void notices(ArrayNode into, List<Notice> notices, String textKey) {
        for (Notice w : notices) {
            ObjectNode n = into.addObject();
            n.put("file", w.file());
            if (w.index() == null) {
                n.putNull("index");
            } else {
                n.put("index", w.index());
            }
            n.put(textKey, w.message());
        }
    }

    private static ObjectNode run(MappedRun r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("fingerprint", r.fingerprint());
        n.put("date", r.localDate());
        n.put("started_at", time(r.startedAt()));
        n.put("outcome", r.outcome().wire());
        n.put("file", r.originFile());
        n.put("index", r.index());
        return n;
    }

    private static ObjectNode session(UnfinishedSession u) {
        ObjectNode n = JSON.createObjectNode();
        n.put("file", u.file());
        n.put("state", u.state());
        n.put("started_at", time(u.startedAt()));
        n.put("current_folder", u.currentFolder());
        n.put("progress", u.progress());
        n.put("current_index", u.currentIndex());
        n.put("folders", u.folders());
        n.put("session_id", u.sessionId());
        return n;
    }

    private static ObjectNode profile(LegacyProfile p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", p.id());
        n.put("name", p.name());
        n.put("description", p.description());
        ArrayNode dirs = n.putArray("directories");
        p.directories().forEach(dirs::add);
        n.put("file", p.file());
        return n;
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
