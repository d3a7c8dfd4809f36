package io.chronosguard.coordinator.monitor;

import io.chronosguard.coordinator.protocol.FolderListing;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Lists the subfolders of a folder of this machine (at most {@link #MAX_ENTRIES}), for the picker. */
public final class Folders {
    public static final int MAX_ENTRIES = 2000;

    private Folders() {
    }

    /** Never throws: a bad path, a missing folder or one that cannot be read is a {@link FolderListing#problem()}. */
    public static FolderListing list(String node, String given) {
        Path dir;
        try {
            dir = Path.of(given);
        } catch (InvalidPathException e) {
            return FolderListing.failed(node, given, "bad-path", "not a valid path: " + e.getReason());
        }
        if (!dir.isAbsolute()) {
            return FolderListing.failed(node, given, "bad-path", "must be an absolute path on the server, got \""
                    + given + "\"");
        }
        dir = dir.normalize();
        if (!Files.exists(dir)) {
            return FolderListing.failed(node, dir.toString(), "not-found", "folder " + dir + " does not exist on node "
                    + node);
        }
        if (!Files.isDirectory(dir)) {
            return FolderListing.failed(node, dir.toString(), "not-a-folder", dir + " is not a folder");
        }
        List<FolderListing.Folder> dirs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path p : ds) {
                if (dirs.size() >= MAX_ENTRIES) {
                    break;
                }
                dirs.add(new FolderListing.Folder(p.getFileName().toString(), p.toString(),
                        Files.isReadable(p) && Files.isExecutable(p)));
            }
        } catch (IOException | SecurityException e) {
            return FolderListing.failed(node, dir.toString(), "forbidden", "cannot list " + dir + " on node " + node
                    + ": " + e.getMessage());
        }
        dirs.sort(Comparator.comparing(FolderListing.Folder::name));
        Path parent = dir.getParent();
        return new FolderListing(node, dir.toString(), parent == null ? null : parent.toString(), dirs,
                FolderListing.OK, null);
    }
}
