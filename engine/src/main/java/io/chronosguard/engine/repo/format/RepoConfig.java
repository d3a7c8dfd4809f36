package io.chronosguard.engine.repo.format;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The repository's {@code config} file: format version (1 or 2), repository id, and the
 * chunker polynomial as unsigned hex. Its plaintext is raw JSON, never compressed.
 */
@JsonPropertyOrder({"version", "id", "chunker_polynomial"})
public record RepoConfig(
        @JsonProperty("version") int version,
        @JsonProperty("id") String id,
        @JsonProperty("chunker_polynomial") String chunkerPolynomial) {

    /** Checks what restic checks on open, naming the bad field. */
    public RepoConfig validate() {
        if (version != 1 && version != 2) {
            throw new FormatException("config has unsupported repository version " + version
                    + " (this program reads versions 1 and 2)");
        }
        if (id == null || id.isEmpty()) {
            throw new FormatException("config has no repository id");
        }
        if (chunkerPolynomial == null || chunkerPolynomial.isEmpty()) {
            throw new FormatException("config has no chunker_polynomial");
        }
        try {
            Long.parseUnsignedLong(chunkerPolynomial, 16);
        } catch (NumberFormatException e) {
            throw new FormatException("config has an unreadable chunker_polynomial: " + chunkerPolynomial);
        }
        return this;
    }
}
