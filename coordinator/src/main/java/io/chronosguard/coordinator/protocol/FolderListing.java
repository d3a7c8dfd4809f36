package io.chronosguard.coordinator.protocol;

import java.util.List;

/**
 * The folders under {@code path} on {@code node}, for the dashboard's directory picker; any
 * node's monitor answers for its own file system.
 *
 * @param problem  {@link #OK}, or {@code bad-path}, {@code not-found}, {@code not-a-folder}, {@code forbidden}
 * @param detail   what went wrong, for the user, or null
 * @param parent   the parent folder, or null at the root
 */
public record FolderListing(String node, String path, String parent, List<Folder> folders, String problem,
        String detail) implements CborSerializable {

    public static final String OK = "ok";

    public record Folder(String name, String path, boolean readable) implements CborSerializable {
    }

    public static FolderListing failed(String node, String path, String problem, String detail) {
        return new FolderListing(node, path, null, List.of(), problem, detail);
    }
}
