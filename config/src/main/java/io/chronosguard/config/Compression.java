package io.chronosguard.config;

/** How pack contents are compressed; written in config as {@code auto}, {@code off} or {@code max}. */
public enum Compression {
    /** Fast zstd level, skipping data that does not shrink. */
    AUTO,
    /** Store uncompressed. */
    OFF,
    /** Slowest, smallest zstd level. */
    MAX
}
