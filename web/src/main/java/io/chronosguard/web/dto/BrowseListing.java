package io.chronosguard.web.dto;

import java.util.List;

/**
 * {@code GET /api/browse}: the subdirectories of {@code path} on {@code node}, for a picker.
 *
 * @param parent the parent folder, or null at the root
 */
public record BrowseListing(String node, String path, String parent, List<BrowseEntry> directories) {
}
