package io.chronosguard.web.dto;

/**
 * Every error response's body.
 *
 * @param error  the status in words, e.g. {@code "Not Found"}
 * @param detail what exactly was wrong, naming the field, path or id concerned
 */
public record ErrorBody(String error, String detail) {
}
