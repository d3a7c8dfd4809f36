package io.chronosguard.web.dto;

import java.util.List;

/** What a restore did; {@code errors} lists the items it could not restore. */
public record RestoreResponse(String snapshot, String path, String target, long files, long dirs, long symlinks,
        long other, long bytes, List<String> errors) {
}
