package io.chronosguard.engine.restorer;

import java.util.List;

/** What a restore did: counts, bytes, and the per-item problems it skipped past. */
public record RestoreResult(long files, long dirs, long symlinks, long other, long bytes, List<String> errors) {
    public RestoreResult {
        errors = List.copyOf(errors);
    }
}
