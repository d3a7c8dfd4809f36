package io.chronosguard.migration.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link LegacyFileReader} collects while streaming one file, and the classification
 * of the whole once it has been parsed (§9.1).
 */
final class FileContent {
    /** Top-level keys whose (small) values are kept as trees; everything else is skipped. */
    static final Set<String> KEPT = Set.of("state", "startTime", "start_time", "session_id", "id",
            "currentIndex", "current_index", "currentDir", "lastCompletedDir", "nextDir", "verifyMode", "profiles");

    private final String name;
    private final EntryMapper mapper;
    final Set<String> keys = new LinkedHashSet<>();
    final Map<String, JsonNode> top = new HashMap<>();
    List<MappedRun> history;
    String historyNotArray;
    String directoriesNotArray;
    Integer folders;
    private int entries;
    private final List<Notice> skipped = new ArrayList<>();
    private final List<Notice> historyWarnings = new ArrayList<>();
    private final List<Notice> warnings = new ArrayList<>();

    FileContent(String name, EntryMapper mapper) {
        this.name = name;
        this.mapper = mapper;
    }

    /** A (repeated) "history" key starts over, as Python's json.load keeps the last one. */
    void startHistory() {
        history = new ArrayList<>();
        historyNotArray = null;
        entries = 0;
        skipped.clear();
        historyWarnings.clear();
    }

    void entry(JsonNode entry, int index) {
        entries++;
        EntryMapper.Result r = mapper.map(entry, name, index);
        r.warnings().forEach(w -> historyWarnings.add(new Notice(name, index, w)));
        if (r.skipped()) {
            skipped.add(new Notice(name, index, r.skipReason()));
        } else {
            history.add(r.run());
        }
    }

    void folder(JsonNode folder, int index) {
        for (String key : List.of("name", "path")) {
            JsonNode v = folder.get(key);
            if (v != null && v.isTextual() && Text.hasLoneSurrogate(v.textValue())) {
                warnings.add(new Notice(name, null, "directories[" + index + "]." + key + " "
                        + LegacyTime.quote(Text.replaceLoneSurrogates(v.textValue()))
                        + " holds an undecodable byte (lone surrogate); shown as U+FFFD"));
            }
        }
    }

    LegacyFile classify() throws RejectedFileException {
        if (keys.contains("directories")) {
            return directoriesFile();
        }
        if (keys.equals(Set.of("history"))) {
            if (historyNotArray != null) {
                throw unrecognised("\"history\" is " + historyNotArray + ", not an array");
            }
            return result(FileKind.HISTORY, null, false, Optional.empty(), List.of());
        }
        if (keys.equals(Set.of("profiles")) && top.get("profiles").isObject()) {
            return result(FileKind.PROFILES, null, false, Optional.empty(), profiles());
        }
        if (keys.isEmpty()) {
            throw unrecognised("the file holds an empty JSON object");
        }
        throw unrecognised("a JSON object with keys " + shownKeys() + " is none of: a history file"
                + " ({\"history\": [...]}), a status file (with a \"directories\" array), a profiles file"
                + " ({\"profiles\": {...}})");
    }

    private LegacyFile directoriesFile() throws RejectedFileException {
        if (directoriesNotArray != null) {
            throw unrecognised("\"directories\" is " + directoriesNotArray + ", not an array");
        }
        if (historyNotArray != null) {
            throw unrecognised("\"history\" is " + historyNotArray + ", not an array");
        }
        boolean rust = keys.contains("id") && keys.contains("current_index") && !keys.contains("currentIndex");
        if (rust) {
            return result(FileKind.RUST_SESSION, null, false, unfinished("start_time", "current_index", "id"),
                    List.of());
        }
        String variant = keys.contains("session_id") ? "MOD"
                : keys.contains("lastCompletedDir") || keys.contains("verifyMode") || keys.contains("nextDir") ? "M3"
                : keys.contains("logs") || keys.contains("history") || keys.contains("profiles") ? "M2"
                : "M0";
        boolean simulated = variant.equals("MOD");
        if (simulated) {
            warnings.add(new Notice(name, null, "written by the modular (A2A) rewrite, whose own backups were"
                    + " simulated; its history entries are copies of the monolith's and import as such"));
        }
        return result(FileKind.STATUS, variant, simulated, unfinished("startTime", "currentIndex", "session_id"),
                profiles());
    }

    private LegacyFile result(FileKind kind, String variant, boolean simulated, Optional<UnfinishedSession> unfinished,
            List<LegacyProfile> profiles) {
        List<Notice> all = new ArrayList<>(historyWarnings);
        all.addAll(warnings);
        return new LegacyFile(name, kind, variant, simulated, entries, history == null ? List.of() : history,
                skipped, all, unfinished, profiles, folders);
    }

    /** The live state of a status file, when it says a backup was under way. */
    private Optional<UnfinishedSession> unfinished(String startKey, String indexKey, String idKey) {
        JsonNode state = top.get("state");
        if (state == null || !state.isTextual()) {
            return Optional.empty();
        }
        String s = state.textValue();
        if (!s.equals("running") && !s.equals("paused")) {
            if (!s.equals("stopped") && !s.equals("idle")) {
                warnings.add(new Notice(name, null, "unknown state " + LegacyTime.quote(s) + "; treated as stopped"));
            }
            return Optional.empty();
        }
        JsonNode start = top.get(startKey);
        JsonNode current = top.get("currentDir");
        JsonNode index = top.get(indexKey);
        JsonNode id = top.get(idKey);
        return Optional.of(new UnfinishedSession(name, s,
                start != null && start.isNumber() && !start.isDouble()
                        ? EpochValues.toInstant(start.decimalValue()).orElse(null) : null,
                current != null && current.path("name").isTextual()
                        ? Text.replaceLoneSurrogates(current.get("name").textValue()) : null,
                current != null && current.path("progress").canConvertToLong()
                        ? current.get("progress").longValue() : null,
                index != null && index.canConvertToLong() ? index.longValue() : null,
                folders == null ? 0 : folders,
                id != null && id.isTextual() ? id.textValue() : null));
    }

    private List<LegacyProfile> profiles() {
        JsonNode all = top.get("profiles");
        if (all == null || !all.isObject()) {
            return List.of();
        }
        List<LegacyProfile> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : all.properties()) {
            JsonNode p = e.getValue();
            String id = Text.replaceLoneSurrogates(e.getKey());
            if (!p.isObject()) {
                warnings.add(new Notice(name, null, "profile " + LegacyTime.quote(id) + " is " + Text.typeOf(p)
                        + ", not an object; ignored"));
                continue;
            }
            List<String> dirs = new ArrayList<>();
            p.path("directories").forEach(d -> {
                if (d.isTextual()) {
                    dirs.add(Text.replaceLoneSurrogates(d.textValue()));
                }
            });
            out.add(new LegacyProfile(id, text(p.get("name")), text(p.get("description")), dirs, name));
        }
        return out;
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() ? Text.replaceLoneSurrogates(n.textValue()) : null;
    }

    private String shownKeys() {
        List<String> shown = keys.stream().limit(6).map(LegacyTime::quote).toList();
        return "[" + String.join(", ", shown) + (keys.size() > 6 ? ", ..." : "") + "]";
    }

    private RejectedFileException unrecognised(String detail) {
        return new RejectedFileException(name, Rejection.UNRECOGNISED_FORMAT, detail);
    }
}
