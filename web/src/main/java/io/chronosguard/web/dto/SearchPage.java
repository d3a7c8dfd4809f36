package io.chronosguard.web.dto;

import java.util.List;

/**
 * One page of search results, newest snapshot first.
 *
 * @param total     how many matches were found (at most the server's cap)
 * @param truncated true when the cap was reached and more matches exist
 */
public record SearchPage(String query, int page, int size, long total, boolean truncated, List<SearchHit> hits) {
}
