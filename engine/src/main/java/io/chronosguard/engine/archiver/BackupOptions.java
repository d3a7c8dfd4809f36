package io.chronosguard.engine.archiver;

import java.util.Optional;

/**
 * How to walk the sources.
 *
 * @param excluder   what to leave out
 * @param parentTree root tree of the parent snapshot, to skip reading unchanged files
 * @param xattrs     whether to record extended attributes
 */
public record BackupOptions(Excluder excluder, Optional<io.chronosguard.engine.repo.Id> parentTree, boolean xattrs) {
}
