package io.chronosguard.web.dto;

import java.util.List;

/** {@code GET /api/snapshots/{id}/tree}: a directory of a snapshot and its entries. */
public record TreeListing(String snapshot, String path, List<TreeEntry> entries) {
}
