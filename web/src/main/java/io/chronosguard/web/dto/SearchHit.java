package io.chronosguard.web.dto;

/** One file or directory whose name matched a search, and the snapshot it is in. */
public record SearchHit(String snapshot, String shortId, String snapshotTime, TreeEntry entry) {
}
