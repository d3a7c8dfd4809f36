package io.chronosguard.web.dto;

import java.util.List;

/** {@code POST/GET /api/select}: the folders the next backup takes by default. */
public record Selection(List<String> directories) {
}
