package io.chronosguard.migration.legacy;

/**
 * A skipped entry's reason or a warning, tied to a file and, when it concerns one history
 * entry, to that entry's index in the file's {@code history} array (0-based).
 *
 * @param file    the file as given on the command line (or found in the folder)
 * @param index   the entry's index, or null for a file-level note
 * @param message one line saying what is wrong and what was done about it
 */
public record Notice(String file, Integer index, String message) {
    @Override
    public String toString() {
        return file + (index == null ? "" : " history[" + index + "]") + ": " + message;
    }
}
