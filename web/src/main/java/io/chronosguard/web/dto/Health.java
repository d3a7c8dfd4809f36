package io.chronosguard.web.dto;

/** {@code GET /api/health}: the server is up; no secrets, no auth needed. */
public record Health(String status, String node, String version) {
}
