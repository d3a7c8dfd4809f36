package io.chronosguard.engine.repo.format;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A snapshot file's JSON as restic 0.14 writes it (format §7). Ids are hex strings here;
 * {@code uid}/{@code gid} are left out when zero.
 */
@JsonPropertyOrder({"time", "parent", "tree", "paths", "hostname", "username", "uid", "gid",
        "excludes", "tags", "original"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Snapshot(
        @JsonProperty("time") String time,
        @JsonProperty("parent") String parent,
        @JsonProperty("tree") String tree,
        @JsonProperty("paths") @JsonInclude(JsonInclude.Include.ALWAYS) List<String> paths,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("username") String username,
        @JsonProperty("uid") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long uid,
        @JsonProperty("gid") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long gid,
        @JsonProperty("excludes") List<String> excludes,
        @JsonProperty("tags") List<String> tags,
        @JsonProperty("original") String original) {

    public Snapshot {
        paths = paths == null ? List.of() : List.copyOf(paths);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @JsonIgnore
    public OffsetDateTime parsedTime() {
        return ResticTime.parse(time, "snapshot");
    }

    /** Checks the fields every reader relies on. */
    public Snapshot validate(String what) {
        if (tree == null || tree.length() != 64) {
            throw new FormatException(what + " has no valid tree id");
        }
        ResticTime.parse(time, what);
        return this;
    }
}
