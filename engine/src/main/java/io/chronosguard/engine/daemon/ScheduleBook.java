package io.chronosguard.engine.daemon;

import io.chronosguard.config.daemon.CronSchedule;
import io.chronosguard.config.daemon.DaemonConfig;
import io.chronosguard.config.daemon.Source;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cron side of the scheduler, without actors: when each source's schedule (and prune)
 * fires next, which fire times passed while no coordinator ran, and the ledger of what
 * fired. Times are arguments, so tests drive them.
 */
public final class ScheduleBook {
    /** The ledger key of the prune schedule (source names cannot start with '@'). */
    public static final String PRUNE = "@prune";

    /** A schedule that came due while no coordinator ran. */
    public record Missed(String key, String schedule, Instant due) {
    }

    private final RunLedger ledger;
    private final ZoneId zone;
    private final Map<String, CronSchedule> crons = new HashMap<>();
    private final Map<String, Instant> next = new HashMap<>();
    private boolean checkedMissed;

    public ScheduleBook(RunLedger ledger, ZoneId zone) {
        this.ledger = ledger;
        this.zone = zone;
    }

    /**
     * Takes a (new) configuration. The first time, returns the schedules whose last fire time
     * passed unserved since the ledger's record (each to run once now); schedules never seen
     * before get {@code now} as their baseline, so a later outage counts as missed.
     */
    public List<Missed> apply(DaemonConfig config, Instant now) {
        Map<String, String> wanted = new HashMap<>();
        for (Source s : config.sources()) {
            if (s.schedule() != null) {
                wanted.put(s.name(), s.schedule());
            }
        }
        if (config.pruneSchedule() != null) {
            wanted.put(PRUNE, config.pruneSchedule());
        }
        crons.keySet().retainAll(wanted.keySet());
        next.keySet().retainAll(wanted.keySet());
        List<Missed> missed = new ArrayList<>();
        wanted.forEach((key, text) -> {
            CronSchedule old = crons.get(key);
            if (old != null && old.toString().equals(text)) {
                return;
            }
            CronSchedule cron = CronSchedule.parse(text);
            crons.put(key, cron);
            Optional<Instant> last = ledger.last(key);
            if (!checkedMissed) {
                cron.missed(last.orElse(null), now, zone).ifPresent(t -> missed.add(new Missed(key, text, t)));
            }
            if (last.isEmpty()) {
                ledger.record(key, now);
            }
            cron.next(now, zone).ifPresentOrElse(t -> next.put(key, t), () -> next.remove(key));
        });
        checkedMissed = true;
        missed.sort(java.util.Comparator.comparing(Missed::key));
        return missed;
    }

    /** The keys due at {@code now}; each is recorded as fired and moves to its next fire time. */
    public List<String> takeDue(Instant now) {
        List<String> due = new ArrayList<>();
        for (Map.Entry<String, Instant> e : next.entrySet()) {
            if (!e.getValue().isAfter(now)) {
                due.add(e.getKey());
            }
        }
        due.sort(null);
        for (String key : due) {
            fired(key, now);
        }
        return due;
    }

    /** Records that {@code key} ran at {@code now} (a missed run served late, too). */
    public void fired(String key, Instant now) {
        ledger.record(key, now);
        CronSchedule cron = crons.get(key);
        if (cron != null) {
            cron.next(now, zone).ifPresentOrElse(t -> next.put(key, t), () -> next.remove(key));
        }
    }

    public Optional<Instant> next(String key) {
        return Optional.ofNullable(next.get(key));
    }

    public Optional<Instant> last(String key) {
        return ledger.last(key);
    }
}
