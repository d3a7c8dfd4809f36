package io.chronosguard.config.daemon;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A cron expression: five fields are Unix cron ({@code 30 3 * * *}), six are Spring's with
 * seconds first ({@code *&#47;5 * * * * *}, what tests use), seven are Quartz's (with a
 * year). Times are computed in the zone given, so tests pass a fixed clock and zone.
 */
public final class CronSchedule {
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser SPRING =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));
    private static final CronParser QUARTZ =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final String text;
    private final ExecutionTime times;

    private CronSchedule(String text, ExecutionTime times) {
        this.text = text;
        this.times = times;
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code text} */
    public static CronSchedule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("bad cron expression \"\": it is empty");
        }
        String t = text.strip();
        int fields = t.split("\\s+").length;
        CronParser parser = switch (fields) {
            case 5 -> UNIX;
            case 6 -> SPRING;
            case 7 -> QUARTZ;
            default -> throw new IllegalArgumentException("bad cron expression \"" + t + "\": it has " + fields
                    + " fields; give 5 (minute hour day month weekday), 6 (seconds first) or 7 (with a year)");
        };
        try {
            Cron cron = parser.parse(t).validate();
            return new CronSchedule(t, ExecutionTime.forCron(cron));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad cron expression \"" + t + "\": " + e.getMessage());
        }
    }

    /** The first time strictly after {@code after}, if the expression ever fires again. */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        return times.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
    }

    /** The last time strictly before {@code before}, if any. */
    public Optional<Instant> previous(Instant before, ZoneId zone) {
        return times.lastExecution(ZonedDateTime.ofInstant(before, zone)).map(ZonedDateTime::toInstant);
    }

    /**
     * The fire time that passed unserved: the latest one after {@code lastRun} and not after
     * {@code now}. Empty when nothing was due since the last run (or there never was a run:
     * a new schedule has missed nothing).
     */
    public Optional<Instant> missed(Instant lastRun, Instant now, ZoneId zone) {
        if (lastRun == null) {
            return Optional.empty();
        }
        return previous(now.plusMillis(1), zone).filter(t -> t.isAfter(lastRun));
    }

    @Override
    public String toString() {
        return text;
    }
}
