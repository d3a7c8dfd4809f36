package io.chronosguard.engine.repo.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An index file: which blobs sit where in which packs, plus the index files it supersedes.
 * Offsets and lengths are pack positions and sealed sizes; {@code uncompressed_length} is
 * present only for compressed blobs.
 */
@JsonPropertyOrder({"supersedes", "packs"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record IndexJson(
        @JsonProperty("supersedes") List<String> supersedes,
        @JsonProperty("packs") @JsonInclude(JsonInclude.Include.ALWAYS) List<Pack> packs) {

    public IndexJson {
        supersedes = supersedes == null ? List.of() : List.copyOf(supersedes);
        packs = packs == null ? List.of() : List.copyOf(packs);
    }

    @JsonPropertyOrder({"id", "blobs"})
    public record Pack(@JsonProperty("id") String id, @JsonProperty("blobs") List<Blob> blobs) {
        public Pack {
            blobs = blobs == null ? List.of() : List.copyOf(blobs);
        }
    }

    @JsonPropertyOrder({"id", "type", "offset", "length", "uncompressed_length"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Blob(
            @JsonProperty("id") String id,
            @JsonProperty("type") String type,
            @JsonProperty("offset") long offset,
            @JsonProperty("length") long length,
            @JsonProperty("uncompressed_length") Long uncompressedLength) {
    }
}
