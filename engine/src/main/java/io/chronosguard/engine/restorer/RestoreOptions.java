package io.chronosguard.engine.restorer;

import java.nio.file.Path;
import java.util.List;

/**
 * What to restore and how: the target folder, snapshot paths to include (empty = all),
 * and how many packs to read at once.
 *
 * @param includes snapshot paths like {@code /home/a/src}; a path restores itself, its
 *                 subtree and the directories leading to it
 */
public record RestoreOptions(Path target, List<String> includes, int threads) {
    public RestoreOptions {
        includes = List.copyOf(includes);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }
}
