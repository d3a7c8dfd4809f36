package io.chronosguard.config;

/** How one setting's text becomes a typed value, and which typed values are allowed. */
@FunctionalInterface
interface ValueType<T> {

    /**
     * Parses and checks text from the config file, environment or a flag.
     *
     * @throws InvalidValue saying what is wrong, e.g. "must be a whole number"
     */
    T parse(String raw, Machine machine);

    /** Why {@code value} is not allowed, or null; checks defaults, which skip {@link #parse}. */
    default String violation(T value) {
        return null;
    }

    /** True when values must never be shown, not even in error messages. */
    default boolean secret() {
        return false;
    }

    /** What a message may show of {@code raw}: nothing for secrets, the value itself otherwise. */
    default String shown(String raw) {
        return secret() ? "***" : raw;
    }
}
