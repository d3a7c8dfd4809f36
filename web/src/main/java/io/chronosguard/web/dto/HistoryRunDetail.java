package io.chronosguard.web.dto;

import io.chronosguard.engine.catalog.DirectoryResult;
import java.util.List;

/**
 * One run with its per-directory results ({@code GET /api/history/{id}}): for cluster runs a
 * row per directory task (path, node, files, bytes, status {@code done}, {@code reassigned}
 * or {@code failed}); empty for other runs.
 */
public record HistoryRunDetail(HistoryRun run, List<DirectoryResult> directories) {
    public HistoryRunDetail {
        directories = List.copyOf(directories);
    }
}
