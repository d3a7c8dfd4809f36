package io.chronosguard.migration.legacy;

import java.time.Instant;

/**
 * A status file whose live state says a backup was under way ("running" or "paused") — after
 * a crash, the state of a dead process. Reported, never turned into a run (§9.7).
 *
 * @param file           the status file
 * @param state          "running" or "paused"
 * @param startedAt      the session's startTime (§9.9 epoch rules), or null when absent or unreadable
 * @param currentFolder  the folder being copied, or null
 * @param progress       its progress in percent, or null
 * @param currentIndex   index of the current folder, or null
 * @param folders        number of folders in the status file
 * @param sessionId      the modular rewrite's session id (or the Rust session's id), or null
 */
public record UnfinishedSession(
        String file,
        String state,
        Instant startedAt,
        String currentFolder,
        Long progress,
        Long currentIndex,
        int folders,
        String sessionId) {
}
