package io.chronosguard.coordinator.daemon;

import io.chronosguard.coordinator.protocol.CborSerializable;
import java.util.List;
import java.util.Map;

/**
 * What the scheduler is doing, for {@code GET /api/schedule} and the dashboard.
 *
 * @param version the configuration version the scheduler runs
 * @param events  the latest scheduler events, oldest first (runs, missed schedules, retention, prune)
 */
public record ScheduleStatus(long version, List<SourceStatus> sources, String pruneSchedule, Long nextPrune,
        List<String> events) implements CborSerializable {

    /**
     * One source. Times are epoch milliseconds, or null.
     *
     * @param watchers       node address to how it watches ({@code inotify} or {@code rescan})
     * @param changePending  a change is waiting out its delay
     * @param runningJob     the job running for this source, or null
     * @param lastChangeNode the node that reported the latest change
     */
    public record SourceStatus(String name, List<String> paths, Map<String, String> watchers, String schedule,
            Long nextRun, Long lastScheduledRun, boolean changePending, String runningJob, String lastSnapshot,
            String lastError, String lastChangeNode, int runs) implements CborSerializable {
    }
}
