package io.chronosguard.engine.forget;

import static io.chronosguard.engine.forget.Fixtures.at;
import static io.chronosguard.engine.forget.Fixtures.snap;
import static io.chronosguard.engine.forget.Fixtures.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronosguard.engine.repo.Snapshots;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * restic 0.14's own {@code TestApplyPolicy}, ported: the same snapshot table and the same 36
 * policies, compared with restic's golden files (kept snapshots in order, their reasons and
 * counters). Then cases restic's table does not cover.
 */
class RetentionPolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** restic's test ran with time.Now(); any moment after the newest snapshot does. */
    private static final Clock AFTER_TABLE = Clock.fixed(Instant.parse("2022-08-21T00:00:00Z"), ZoneOffset.UTC);
    private static final Clock LATER = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

    /** {@code testExpireSnapshots} of restic's snapshot_policy_test.go, in its order. */
    static List<Snapshots.Entry> resticTable() {
        List<Snapshots.Entry> t = new ArrayList<>();
        String[] plain2014 = {"2014-09-01 10:20:30", "2014-09-02 10:20:30", "2014-09-05 10:20:30",
            "2014-09-06 10:20:30", "2014-09-08 10:20:30", "2014-09-09 10:20:30", "2014-09-10 10:20:30",
            "2014-09-11 10:20:30", "2014-09-20 10:20:30", "2014-09-22 10:20:30", "2014-08-08 10:20:30",
            "2014-08-10 10:20:30", "2014-08-12 10:20:30", "2014-08-13 10:20:30", "2014-08-13 10:20:30.1",
            "2014-08-15 10:20:30", "2014-08-18 10:20:30", "2014-08-20 10:20:30", "2014-08-21 10:20:30",
            "2014-08-22 10:20:30"};
        times(t, plain2014);
        String[] foo2014 = {"2014-10-01 10:20:30", "2014-10-02 10:20:30", "2014-10-05 10:20:30",
            "2014-10-06 10:20:30", "2014-10-08 10:20:30", "2014-10-09 10:20:30", "2014-10-10 10:20:30",
            "2014-10-11 10:20:30", "2014-10-20 10:20:30", "2014-10-22 10:20:30", "2014-11-08 10:20:30",
            "2014-11-10 10:20:30", "2014-11-12 10:20:30", "2014-11-13 10:20:30"};
        for (String s : foo2014) {
            t.add(snap(t.size(), s, List.of("foo"), List.of()));
        }
        t.add(snap(t.size(), "2014-11-13 10:20:30.1", List.of("bar"), List.of()));
        t.add(snap(t.size(), "2014-11-15 10:20:30", List.of("foo", "bar"), List.of()));
        times(t, "2014-11-18 10:20:30", "2014-11-20 10:20:30", "2014-11-21 10:20:30", "2014-11-22 10:20:30",
                "2015-09-01 10:20:30", "2015-09-02 10:20:30", "2015-09-05 10:20:30", "2015-09-06 10:20:30",
                "2015-09-08 10:20:30", "2015-09-09 10:20:30", "2015-09-10 10:20:30", "2015-09-11 10:20:30",
                "2015-09-20 10:20:30", "2015-09-22 10:20:30", "2015-08-08 10:20:30", "2015-08-10 10:20:30",
                "2015-08-12 10:20:30", "2015-08-13 10:20:30", "2015-08-13 10:20:30.1", "2015-08-15 10:20:30",
                "2015-08-18 10:20:30", "2015-08-20 10:20:30", "2015-08-21 10:20:30", "2015-08-22 10:20:30",
                "2015-10-01 10:20:30", "2015-10-02 10:20:30", "2015-10-05 10:20:30", "2015-10-06 10:20:30",
                "2015-10-08 10:20:30", "2015-10-09 10:20:30", "2015-10-10 10:20:30", "2015-10-11 10:20:30",
                "2015-10-20 10:20:30", "2015-10-22 10:20:30", "2015-10-22 10:20:30");
        t.add(snap(t.size(), "2015-10-22 10:20:30", List.of("foo", "bar"), List.of()));
        t.add(snap(t.size(), "2015-10-22 10:20:30", List.of("foo", "bar"), List.of()));
        t.add(snap(t.size(), "2015-10-22 10:20:30", List.of("foo", "bar"), List.of("path1", "path2")));
        times(t, "2015-11-08 10:20:30", "2015-11-10 10:20:30", "2015-11-12 10:20:30", "2015-11-13 10:20:30",
                "2015-11-13 10:20:30.1", "2015-11-15 10:20:30", "2015-11-18 10:20:30", "2015-11-20 10:20:30",
                "2015-11-21 10:20:30", "2015-11-22 10:20:30", "2016-01-01 01:02:03", "2016-01-01 01:03:03",
                "2016-01-01 07:08:03", "2016-01-03 07:02:03", "2016-01-04 10:23:03", "2016-01-04 11:23:03",
                "2016-01-04 12:23:03", "2016-01-04 12:24:03", "2016-01-04 12:28:03", "2016-01-04 12:30:03",
                "2016-01-04 16:23:03", "2016-01-05 09:02:03", "2016-01-06 08:02:03", "2016-01-07 10:02:03",
                "2016-01-08 20:02:03", "2016-01-09 21:02:03", "2016-01-12 21:02:03", "2016-01-12 21:08:03",
                "2016-01-18 12:02:03");
        return t;
    }

    /** The {@code tests} list of restic's TestApplyPolicy; index N goes with golden file N. */
    static List<RetentionPolicy> resticPolicies() {
        List<RetentionPolicy> p = new ArrayList<>();
        p.add(b().build());
        for (int n : new int[] {10, 15, 99, 200}) {
            p.add(b().last(n).build());
        }
        p.add(b().keep(Period.HOURLY, 20).build());
        for (int n : new int[] {3, 10, 30}) {
            p.add(b().keep(Period.DAILY, n).build());
        }
        p.add(b().last(5).keep(Period.DAILY, 5).build());
        p.add(b().last(2).keep(Period.DAILY, 10).build());
        p.add(b().keep(Period.WEEKLY, 2).build());
        p.add(b().keep(Period.WEEKLY, 4).build());
        p.add(b().keep(Period.DAILY, 3).keep(Period.WEEKLY, 4).build());
        p.add(b().keep(Period.MONTHLY, 6).build());
        p.add(b().keep(Period.DAILY, 2).keep(Period.WEEKLY, 2).keep(Period.MONTHLY, 6).build());
        p.add(b().keep(Period.YEARLY, 10).build());
        p.add(b().keep(Period.DAILY, 7).keep(Period.WEEKLY, 2).keep(Period.MONTHLY, 3).keep(Period.YEARLY, 10).build());
        p.add(b().keepTag(TagList.of("foo")).build());
        p.add(b().keepTag(TagList.of("foo", "bar")).build());
        p.add(b().keepTag(TagList.of("foo")).keepTag(TagList.of("bar")).build());
        for (String d : new String[] {"1d", "2d", "7d", "1m", "1m14d", "1y1d1m", "13d23h", "2m2h", "1y2m3d3h"}) {
            p.add(b().within(dur(d)).build());
        }
        for (Period period : Period.values()) {
            p.add(b().within(period, dur("1y2m3d3h")).build());
        }
        p.add(b().within(dur("1h")).within(Period.HOURLY, dur("1d")).within(Period.DAILY, dur("7d"))
                .within(Period.WEEKLY, dur("1m")).within(Period.MONTHLY, dur("1y"))
                .within(Period.YEARLY, dur("9999y")).build());
        return p;
    }

    private static RetentionPolicy.Builder b() {
        return RetentionPolicy.builder();
    }

    private static RetentionDuration dur(String s) {
        return RetentionDuration.parse(s);
    }

    static Stream<Arguments> goldenCases() {
        List<RetentionPolicy> policies = resticPolicies();
        return IntStream.range(0, policies.size()).mapToObj(i -> Arguments.of(i, policies.get(i)));
    }

    @Test
    void resticPolicies_oneForEachGoldenFile() {
        assertEquals(36, resticPolicies().size());
        assertEquals(103, resticTable().size());
    }

    @ParameterizedTest(name = "policy_keep_snapshots_{0}: {1}")
    @MethodSource("goldenCases")
    void apply_resticTestTable_keepsWhatResticKeepsForTheSameReasons(int n, RetentionPolicy policy) throws IOException {
        JsonNode golden = golden(n);
        RetentionOutcome out = policy.apply(resticTable(), AFTER_TABLE);

        assertEquals(103, out.keep().size() + out.remove().size());
        assertEquals(describeAll(golden.get("keep")), describeEntries(out.keep()), "kept snapshots, newest first");
        JsonNode reasons = golden.get("reasons");
        assertEquals(reasons.size(), out.reasons().size());
        for (int i = 0; i < reasons.size(); i++) {
            JsonNode want = reasons.get(i);
            KeepReason got = out.reasons().get(i);
            assertEquals(describe(want.get("snapshot")), describeEntry(got.snapshot()), "reason " + i);
            assertEquals(texts(want.get("matches")), got.matches(), "matches of reason " + i);
            JsonNode c = want.get("counters");
            KeepReason.Counters counters = new KeepReason.Counters(c.path("last").asInt(), c.path("hourly").asInt(),
                    c.path("daily").asInt(), c.path("weekly").asInt(), c.path("monthly").asInt(),
                    c.path("yearly").asInt());
            assertEquals(counters, got.counters(), "counters of reason " + i);
        }
    }

    private static JsonNode golden(int n) throws IOException {
        try (InputStream in = RetentionPolicyTest.class.getResourceAsStream(
                "restic-0.14/policy_keep_snapshots_" + n + ".json")) {
            return JSON.readTree(in);
        }
    }

    private static List<String> describeAll(JsonNode snapshots) {
        List<String> out = new ArrayList<>();
        snapshots.forEach(s -> out.add(describe(s)));
        return out;
    }

    private static String describe(JsonNode s) {
        return Instant.from(OffsetDateTime.parse(s.get("time").asText())) + " tags=" + texts(s.get("tags"))
                + " paths=" + texts(s.get("paths"));
    }

    private static List<String> describeEntries(List<Snapshots.Entry> entries) {
        return entries.stream().map(RetentionPolicyTest::describeEntry).toList();
    }

    private static String describeEntry(Snapshots.Entry e) {
        return e.snapshot().parsedTime().toInstant() + " tags=" + e.snapshot().tags() + " paths=" + e.snapshot().paths();
    }

    private static List<String> texts(JsonNode arr) {
        List<String> out = new ArrayList<>();
        if (arr != null) {
            arr.forEach(x -> out.add(x.asText()));
        }
        return out;
    }

    // ---- beyond restic's table ----

    @Test
    void apply_keepLastWithDailyOverlap_countsBothRulesOnTheSameSnapshot() {
        List<Snapshots.Entry> group = new ArrayList<>();
        times(group, "2024-01-01 10:00:00", "2024-01-01 12:00:00", "2024-01-02 09:00:00", "2024-01-08 09:00:00");
        RetentionOutcome out = b().last(1).keep(Period.DAILY, 2).build().apply(group, LATER);

        assertEquals(List.of(group.get(3), group.get(2)), out.keep());
        assertEquals(List.of(group.get(1), group.get(0)), out.remove());
        assertEquals(List.of("last snapshot", "daily snapshot"), out.reasons().get(0).matches());
        assertEquals(new KeepReason.Counters(0, 0, 1, 0, 0, 0), out.reasons().get(0).counters());
    }

    @Test
    void apply_dailyBuckets_useTheSnapshotsOwnOffsetNotUtc() {
        // 23:30 at -05:00 is 04:30 UTC the next day; restic buckets by the local wall clock
        List<Snapshots.Entry> group = List.of(
                snap(0, OffsetDateTime.parse("2024-01-01T23:30:00-05:00")),
                snap(1, OffsetDateTime.parse("2024-01-01T08:00:00-05:00")),
                snap(2, OffsetDateTime.parse("2024-01-02T06:00:00-05:00")));
        RetentionOutcome out = b().keep(Period.DAILY, 5).build().apply(group, LATER);

        assertEquals(List.of(group.get(2), group.get(0)), out.keep());
    }

    @Test
    void apply_weeklyBuckets_useIsoWeekBasedYear() {
        // 2024-12-30 (Mon) opens ISO week 2025-W01, shared with 2025-01-05 (Sun); 2024-12-29 is 2024-W52
        List<Snapshots.Entry> group = new ArrayList<>();
        times(group, "2024-12-29 12:00:00", "2024-12-30 12:00:00", "2025-01-05 12:00:00");
        RetentionOutcome out = b().keep(Period.WEEKLY, 5).build().apply(group, LATER);

        assertEquals(List.of(group.get(2), group.get(0)), out.keep());
    }

    @Test
    void apply_withinOneMonthFromMarch31_overflowsFebruaryLikeGo() {
        // Go: 2024-03-31 minus one month is "2024-02-31", i.e. 2024-03-02; java.time would say 02-29
        List<Snapshots.Entry> group = new ArrayList<>();
        times(group, "2024-03-01 12:00:00", "2024-03-02 12:00:00", "2024-03-02 12:00:01", "2024-03-31 12:00:00");
        RetentionOutcome out = b().within(dur("1m")).build().apply(group, LATER);

        assertEquals(List.of(group.get(3), group.get(2)), out.keep(), "cutoff is exclusive: 03-02 12:00:00 goes");
        assertEquals("within 1m", out.reasons().get(0).matches().get(0));
    }

    @Test
    void apply_withinCountsFromNewestSnapshotNotInTheFuture() {
        List<Snapshots.Entry> group = new ArrayList<>();
        times(group, "2024-01-01 00:00:00", "2024-01-05 00:00:00", "2024-01-09 00:00:00", "2030-01-01 00:00:00");
        Clock now = Clock.fixed(Instant.parse("2024-01-10T00:00:00Z"), ZoneOffset.UTC);
        RetentionOutcome out = b().within(dur("5d")).build().apply(group, now);

        // newest past snapshot is 01-09, so the cutoff is 01-04; the future one is after it too
        assertEquals(List.of(group.get(3), group.get(2), group.get(1)), out.keep());
    }

    @Test
    void apply_allSnapshotsInTheFuture_withinKeepsThemAll() {
        List<Snapshots.Entry> group = new ArrayList<>();
        times(group, "2030-01-01 00:00:00", "2031-01-01 00:00:00");
        Clock now = Clock.fixed(Instant.parse("2024-01-10T00:00:00Z"), ZoneOffset.UTC);

        assertEquals(2, b().within(dur("1d")).build().apply(group, now).keep().size());
    }

    @Test
    void apply_withinAcrossDaylightSaving_followsLocalZoneWhenOffsetMatchesIt() {
        // Latest at +02:00 (Berlin summer). Go parses it into Local=Berlin, so six months back is
        // 2024-01-01 12:00 at +01:00 = 11:00Z; with the fixed offset it would be 10:00Z.
        List<Snapshots.Entry> group = List.of(
                snap(0, OffsetDateTime.parse("2024-07-01T12:00:00+02:00")),
                snap(1, OffsetDateTime.parse("2024-01-01T12:30:00+01:00")),
                snap(2, OffsetDateTime.parse("2024-01-01T10:30:00Z")));
        Clock berlin = Clock.fixed(Instant.parse("2024-08-01T00:00:00Z"), ZoneId.of("Europe/Berlin"));
        Clock utc = Clock.fixed(Instant.parse("2024-08-01T00:00:00Z"), ZoneOffset.UTC);

        assertEquals(List.of(group.get(0), group.get(1)), b().within(dur("6m")).build().apply(group, berlin).keep());
        assertEquals(3, b().within(dur("6m")).build().apply(group, utc).keep().size());
    }

    @Test
    void apply_keepTagWithEmptyTag_keepsUntaggedSnapshots() {
        List<Snapshots.Entry> group = List.of(snap(0, "2024-01-01 00:00:00", List.of(), List.of()),
                snap(1, "2024-01-02 00:00:00", List.of("x"), List.of()));
        RetentionOutcome out = b().keepTag(TagList.parse("")).build().apply(group, LATER);

        assertEquals(List.of(group.get(0)), out.keep());
        assertEquals(List.of("has tags []"), out.reasons().get(0).matches());
    }

    @Test
    void apply_equalTimes_keepsCallersOrderLikeGoStableSort() {
        List<Snapshots.Entry> group = new ArrayList<>();
        times(group, "2024-01-01 00:00:00", "2024-01-01 00:00:00", "2024-01-01 00:00:00");
        RetentionOutcome out = b().last(1).build().apply(group, LATER);

        assertEquals(List.of(group.get(0)), out.keep());
    }

    @Test
    void apply_emptyGroup_keepsAndRemovesNothing() {
        RetentionOutcome out = b().last(1).build().apply(List.of(), AFTER_TABLE);
        assertTrue(out.keep().isEmpty() && out.remove().isEmpty() && out.reasons().isEmpty());
    }

    @Test
    void new_negativeCount_isRefusedBecauseRestic014WouldKeepNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b().last(-1).build());
        assertTrue(e.getMessage().contains("keep-last must not be negative, got -1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b().keep(Period.MONTHLY, -1).build());
    }

    @Test
    void new_negativeDuration_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b().within(Period.DAILY, dur("-3d")).build());
        assertTrue(e.getMessage().startsWith("keep-within-daily must not have negative parts"), e.getMessage());
    }

    @Test
    void isEmpty_onlyWithoutAnyRule() {
        assertTrue(b().build().isEmpty());
        assertTrue(b().within(dur("0d")).build().isEmpty());
        assertEquals(false, b().keepTag(TagList.parse("")).build().isEmpty());
        assertEquals(false, b().within(Period.YEARLY, dur("1y")).build().isEmpty());
    }

    @Test
    void describe_matchesResticsPolicyString() {
        assertEquals("keep 1 latest, 2 daily snapshots", b().last(1).keep(Period.DAILY, 2).build().describe());
        assertEquals("keep 3 weekly snapshots, daily snapshots within 7d and all snapshots with tags [[a, b] [c]]"
                        + " and all snapshots within 1y2m of the newest",
                b().keep(Period.WEEKLY, 3).within(Period.DAILY, dur("7d")).keepTag(TagList.parse("a, b"))
                        .keepTag(TagList.of("c")).within(dur("1y2m")).build().describe());
        assertEquals("keep ", b().build().describe());
    }

    @Test
    void fixturesParseLikeResticsTest() {
        assertEquals(Instant.parse("2014-08-13T10:20:30.100Z"), at("2014-08-13 10:20:30.1").toInstant());
    }
}
