package io.chronosguard.engine.archiver;

import io.chronosguard.engine.repo.Id;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One unit of a distributed backup: list one directory (or the slice of its entries whose
 * names lie in {@code [from, to)}) and save its non-directory entries.
 *
 * @param dir        the directory (or, for a target, possibly a file)
 * @param parentTree the directory's tree in the parent snapshot, to skip unchanged files
 * @param from       first name of the slice (inclusive); empty = from the start
 * @param to         end of the slice (exclusive); empty = to the end
 * @param target     whether {@code dir} is a backup target, whose own node and ancestors
 *                   the caller needs
 */
public record DirectoryTask(Path dir, Optional<Id> parentTree, Optional<String> from, Optional<String> to,
        boolean target) {

    /** True when this task covers the whole directory (it may then be split). */
    public boolean whole() {
        return from.isEmpty() && to.isEmpty();
    }

    boolean covers(String name) {
        return from.map(f -> name.compareTo(f) >= 0).orElse(true) && to.map(t -> name.compareTo(t) < 0).orElse(true);
    }
}
