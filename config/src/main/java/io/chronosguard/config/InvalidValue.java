package io.chronosguard.config;

/**
 * A value that does not parse or is out of range. The message completes the sentence
 * "key = value: ...", e.g. "must be a whole number". Kept apart from
 * IllegalArgumentException so a bug in a parser is never reported as the user's mistake.
 */
final class InvalidValue extends RuntimeException {
    InvalidValue(String message) {
        super(message, null, false, false);
    }
}
