package io.chronosguard.coordinator.protocol;

import io.chronosguard.engine.archiver.DirectoryTask;
import io.chronosguard.engine.repo.Id;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A directory task as it travels to a worker ({@link DirectoryTask} with nullable strings).
 *
 * @param parentTree hex id of the directory's tree in the parent snapshot, or null
 * @param from       first name of the slice, or null for the start
 * @param to         end of the slice (exclusive), or null for the end
 */
public record TaskSpec(String path, String parentTree, String from, String to, boolean target)
        implements CborSerializable {

    public DirectoryTask toTask() {
        return new DirectoryTask(Path.of(path), Optional.ofNullable(parentTree).map(Id::parse),
                Optional.ofNullable(from), Optional.ofNullable(to), target);
    }
}
