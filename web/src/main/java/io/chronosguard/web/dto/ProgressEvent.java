package io.chronosguard.web.dto;

/** A discrete event: {@code kind} such as {@code job-started}, {@code directory-completed}, {@code node-left}. */
public record ProgressEvent(String time, String kind, String message) {
}
