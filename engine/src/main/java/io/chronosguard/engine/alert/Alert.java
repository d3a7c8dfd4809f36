package io.chronosguard.engine.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Something an operator should hear about.
 *
 * @param kind    what happened
 * @param subject one line naming it, e.g. {@code backup of /home failed}; with {@code kind} it is
 *                what makes two alerts "the same" for de-duplication
 * @param details the rest: the error, counts, what to look at (may span lines)
 * @param time    when it happened
 * @param node    the node (or host) it concerns or that saw it
 * @param job     the job or run it concerns, or null
 */
public record Alert(Kind kind, String subject, String details, Instant time, String node, String job) {

    public enum Kind {
        JOB_FAILED, MISSED_SCHEDULE, JOB_TOO_LONG, LOW_DISK, NODE_LEFT, DAILY_SUMMARY;

        /** {@code job failed}: for mail subjects. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(node, "node");
    }

    /** An alert happening now by {@code clock}. */
    public static Alert of(Kind kind, String subject, String details, Clock clock, String node, String job) {
        return new Alert(kind, subject, details, clock.instant(), node, job);
    }
}
