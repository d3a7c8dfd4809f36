package io.chronosguard.engine.repo.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A lock file's JSON (format §9); uid/gid are left out when zero. */
@JsonPropertyOrder({"time", "exclusive", "hostname", "username", "pid", "uid", "gid"})
public record LockInfo(
        @JsonProperty("time") String time,
        @JsonProperty("exclusive") boolean exclusive,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("username") String username,
        @JsonProperty("pid") long pid,
        @JsonProperty("uid") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long uid,
        @JsonProperty("gid") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long gid) {
}
