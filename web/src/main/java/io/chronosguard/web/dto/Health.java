package io.chronosguard.web.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /api/health}: the server is up; no secrets, no auth needed. A cluster node adds
 * the addresses of the members it sees up ({@code members_up}); {@code serve} leaves it out.
 */
public record Health(String status, String node, String version,
        @JsonProperty("members_up") @JsonInclude(JsonInclude.Include.NON_NULL) List<String> membersUp) {
}
