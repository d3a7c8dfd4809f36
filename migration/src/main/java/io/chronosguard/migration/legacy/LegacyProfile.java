package io.chronosguard.migration.legacy;

import java.util.List;

/**
 * A backup profile of the old tool (§5): a named selection of folders under the home
 * directory; no folders means all of them.
 */
public record LegacyProfile(String id, String name, String description, List<String> directories, String file) {
    public LegacyProfile {
        directories = List.copyOf(directories);
    }
}
