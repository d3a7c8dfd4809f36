package io.chronosguard.migration.legacy;

/** Why a whole file was refused (§9.2); a refused file contributes nothing to an import. */
public enum Rejection {
    /** 0 bytes, or only whitespace. */
    EMPTY_FILE,
    /** Not exactly one valid JSON value: truncated, NUL bytes, trailing bytes, invalid UTF-8. */
    MALFORMED_JSON,
    /** Valid JSON, but none of the legacy shapes. */
    UNRECOGNISED_FORMAT
}
