package io.chronosguard.web.dto;

/** {@code GET /api/session}: what the presented token may do, so the page can hide controls. */
public record Session(String role, String node, String repository) {
}
