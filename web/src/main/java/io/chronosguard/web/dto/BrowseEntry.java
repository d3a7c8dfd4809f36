package io.chronosguard.web.dto;

/** A folder the picker may offer; {@code readable} false means a backup could not read it. */
public record BrowseEntry(String name, String path, boolean readable) {
}
