package io.chronosguard.engine.checker;

/**
 * How much to check beyond the structure.
 *
 * @param readDataPercent 0 for structure only, 100 for every pack's bytes, or a subset
 * @param threads         packs read at once
 */
public record CheckOptions(double readDataPercent, int threads) {
    public CheckOptions {
        if (readDataPercent < 0 || readDataPercent > 100) {
            throw new IllegalArgumentException("read-data subset must be between 0 and 100%, got " + readDataPercent);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }
}
