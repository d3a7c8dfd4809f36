package io.chronosguard.web.dto;

/**
 * {@code POST /api/restore}: restore {@code path} (default the whole snapshot) of
 * {@code snapshot} (an id, unique prefix, or {@code latest}) into the {@code target} folder
 * on the server's machine.
 */
public record RestoreRequest(String snapshot, String path, String target) {
}
