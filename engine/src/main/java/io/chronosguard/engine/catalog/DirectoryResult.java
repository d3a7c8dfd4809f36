package io.chronosguard.engine.catalog;

import java.util.Objects;

/** What one directory task of a cluster run did, on which node; {@code status} e.g. done, failed, reassigned. */
public record DirectoryResult(String path, String node, long files, long bytes, String status) {
    public DirectoryResult {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
    }
}
