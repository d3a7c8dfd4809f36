package io.chronosguard.config;

/** A setting's text as one layer gave it, and that layer's description for messages. */
record Sourced(String raw, String origin) {
}
