package io.chronosguard.config;

/** How log lines are written: {@code AUTO} is text on a terminal and JSON everywhere else (files, journald). */
public enum LogFormat {
    AUTO, TEXT, JSON
}
