package io.chronosguard.migration.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files {@code --from} names: the file itself, or every {@code *.json} file directly in
 * the folder (the old tool kept all its files side by side in its working directory, next
 * to its code, dashboard and logs folder, which are listed as ignored). Which legacy file
 * each one is, is decided by content, not by name.
 *
 * @param files   candidate files, in name order
 * @param ignored other entries of the folder, by name
 */
public record Sources(List<Path> files, List<String> ignored) {
    public Sources {
        files = List.copyOf(files);
        ignored = List.copyOf(ignored);
    }

    /**
     * @throws IllegalArgumentException when {@code from} does not exist or a folder holds no JSON file
     */
    public static Sources of(Path from) throws IOException {
        if (!Files.exists(from)) {
            throw new IllegalArgumentException("--from " + from + ": no such file or folder");
        }
        if (!Files.isDirectory(from)) {
            return new Sources(List.of(from), List.of());
        }
        List<Path> files = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        try (Stream<Path> entries = Files.list(from)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && name.toLowerCase(Locale.ROOT).endsWith(".json")) {
                    files.add(p);
                } else {
                    ignored.add(name + (Files.isDirectory(p) ? "/" : ""));
                }
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("--from " + from + ": the folder holds no .json file"
                    + " (expected backup_history.json, backup_status.json or profiles.json)");
        }
        return new Sources(files, ignored);
    }
}
