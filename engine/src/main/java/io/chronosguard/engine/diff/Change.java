package io.chronosguard.engine.diff;

/**
 * One changed path. {@code path} is slash-separated from the snapshot root ({@code /a/b});
 * {@code directory} says whether the entry is a directory (the new entry, or the old one
 * for a removal), which restic shows with a trailing slash.
 */
public record Change(ChangeKind kind, String path, boolean directory) {
    /** The path as restic prints it: directories end in {@code /}. */
    public String displayPath() {
        return directory ? path + "/" : path;
    }
}
