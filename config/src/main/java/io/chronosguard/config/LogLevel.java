package io.chronosguard.config;

/** The least severe log level written. */
public enum LogLevel {
    ERROR, WARN, INFO, DEBUG
}
