package io.chronosguard.migration.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps one history entry onto a run (§9.4, 9.5, 9.10): an entry needs a string {@code date}
 * that is a real calendar time, else it is skipped with its reason; every other field is
 * optional, and a wrong-typed one becomes unknown with a warning while the run is kept.
 */
public final class EntryMapper {
    /** Durations beyond this (about 31 years) give no end time: no backup idled that long. */
    private static final double MAX_DURATION_SECONDS = 1e9;
    /** The last instant a four-digit-year timestamp column holds. */
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final ZoneId zone;

    public EntryMapper(ZoneId zone) {
        this.zone = zone;
    }

    /** The run, or the reason the entry was skipped; warnings in either case. */
    public record Result(MappedRun run, String skipReason, List<String> warnings) {
        public boolean skipped() {
            return run == null;
        }
    }

    public Result map(JsonNode entry, String file, int index) {
        List<String> warnings = new ArrayList<>();
        if (!entry.isObject()) {
            return skip("entry is " + Text.typeOf(entry) + ", not an object", warnings);
        }
        JsonNode date = entry.get("date");
        if (date == null || date.isNull()) {
            return skip("no date", warnings);
        }
        if (!date.isTextual()) {
            return skip("date is " + Text.typeOf(date) + " (" + Text.shown(date) + "), not a string", warnings);
        }
        String problem = LegacyTime.problem(date.textValue());
        if (problem != null) {
            return skip(problem, warnings);
        }
        LocalDateTime local = LegacyTime.parse(date.textValue()).orElseThrow();
        LegacyTime.Placed placed = LegacyTime.place(local, zone);
        placed.dstNote().ifPresent(warnings::add);
        warnLoneSurrogates(entry, "", warnings);

        Double duration = finiteNumber(entry, "duration", warnings);
        Long completed = wholeNumber(entry, "directoriesCompleted", warnings);
        Long total = wholeNumber(entry, "totalDirectories", warnings);
        String status = string(entry, "status", warnings);
        MappedRun run = new MappedRun(
                CanonicalJson.fingerprint(entry),
                placed.instant(),
                date.textValue(),
                finishedAt(placed.instant(), duration, warnings),
                outcome(status, completed, total, warnings),
                status,
                bool(entry, "dryRun", warnings),
                wholeNumber(entry, "fileCount", warnings),
                wholeNumber(entry, "size", warnings),
                duration,
                wholeNumber(entry, "errors", warnings),
                completed,
                total,
                profile(entry, warnings),
                CanonicalJson.raw(entry),
                file,
                index);
        return new Result(run, null, warnings);
    }

    private static Result skip(String reason, List<String> warnings) {
        return new Result(null, reason, warnings);
    }

    /**
     * "Completed" is all the old tool ever wrote, even for runs that copied only some folders
     * (pauses are recorded as "Completed" too), so the directory counts decide.
     */
    static Outcome outcome(String status, Long completed, Long total, List<String> warnings) {
        if (status == null) {
            return Outcome.UNKNOWN;
        }
        switch (status) {
            case "Completed":
                if (completed == null || total == null) {
                    return Outcome.UNKNOWN;
                }
                return completed < total ? Outcome.PARTIAL : Outcome.SUCCESS;
            case "Interrupted":
                return Outcome.CANCELLED;
            default:
                warnings.add("status " + LegacyTime.quote(status)
                        + " is neither Completed nor Interrupted; outcome unknown");
                return Outcome.UNKNOWN;
        }
    }

    private static Instant finishedAt(Instant start, Double duration, List<String> warnings) {
        if (duration == null) {
            return null;
        }
        if (duration < 0) {
            warnings.add("duration " + duration + " is negative; end time unknown");
            return null;
        }
        if (duration > MAX_DURATION_SECONDS) {
            warnings.add("duration " + duration + " s is implausibly long; end time unknown");
            return null;
        }
        // Microseconds: what SQL timestamp columns hold, so the stored value is the one computed here.
        Instant end = start.plusNanos(Math.round(duration * 1e9)).truncatedTo(ChronoUnit.MICROS);
        if (end.isAfter(LATEST)) {
            warnings.add("start + duration is after the year 9999; end time unknown");
            return null;
        }
        return end;
    }

    private static String profile(JsonNode entry, List<String> warnings) {
        String p = string(entry, "profile", warnings);
        if (p == null || p.equals("Custom")) {
            return null; // "Custom" is the old dashboard's name for "no profile"
        }
        if (p.indexOf('\0') >= 0) {
            // Databases' text types cannot hold NUL (PostgreSQL refuses it); the raw entry keeps it escaped.
            warnings.add("profile holds a NUL character; shown as U+FFFD");
            p = p.replace('\0', '\uFFFD');
        }
        return Text.hasLoneSurrogate(p) ? Text.replaceLoneSurrogates(p) : p;
    }

    private static String string(JsonNode entry, String key, List<String> warnings) {
        JsonNode v = entry.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            warnings.add(wrongType(key, v, "a string"));
            return null;
        }
        return v.textValue();
    }

    private static boolean bool(JsonNode entry, String key, List<String> warnings) {
        JsonNode v = entry.get(key);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            warnings.add(key + " is " + Text.typeOf(v) + " (" + Text.shown(v) + "), not true/false; read as false");
            return false;
        }
        return v.booleanValue();
    }

    /** A whole number in 64 bits (3.0 counts; 3.5, 1e30, strings do not). */
    private static Long wholeNumber(JsonNode entry, String key, List<String> warnings) {
        JsonNode v = entry.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber() && !v.isDouble() && !v.isFloat()) {
            BigDecimal d = v.isIntegralNumber() ? new BigDecimal(v.bigIntegerValue()) : v.decimalValue();
            try {
                if (d.precision() - d.scale() > 19) {
                    throw new ArithmeticException("too large"); // before toBigIntegerExact expands 1e999999999
                }
                return d.toBigIntegerExact().longValueExact();
            } catch (ArithmeticException e) {
                warnings.add(key + " " + Text.shown(v) + " is not a whole number in 64 bits; stored as unknown");
                return null;
            }
        }
        warnings.add(wrongType(key, v, "a whole number"));
        return null;
    }

    private static Double finiteNumber(JsonNode entry, String key, List<String> warnings) {
        JsonNode v = entry.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            warnings.add(wrongType(key, v, "a number"));
            return null;
        }
        double d = v.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            warnings.add(key + " " + Text.shown(v) + " is not a finite number; stored as unknown");
            return null;
        }
        return d;
    }

    private static String wrongType(String key, JsonNode v, String expected) {
        return key + " is " + Text.typeOf(v) + " (" + Text.shown(v) + "), not " + expected + "; stored as unknown";
    }

    private static void warnLoneSurrogates(JsonNode node, String path, List<String> warnings) {
        if (node.isTextual()) {
            if (Text.hasLoneSurrogate(node.textValue())) {
                warnings.add((path.isEmpty() ? "a value" : path) + " holds an undecodable byte (lone surrogate);"
                        + " kept escaped in the raw entry, shown as U+FFFD");
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (Text.hasLoneSurrogate(e.getKey())) {
                    warnings.add("key " + LegacyTime.quote(e.getKey()) + " holds an undecodable byte (lone surrogate)");
                }
                warnLoneSurrogates(e.getValue(), Text.replaceLoneSurrogates(child), warnings);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                warnLoneSurrogates(node.get(i), path + "[" + i + "]", warnings);
            }
        }
    }
}
