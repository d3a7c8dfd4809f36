package io.chronosguard.engine.backend;

import java.io.IOException;

/** One store call, as the decorators that wrap every method (retry, connection limit) run it. */
@FunctionalInterface
interface IoCall<T> {
    T run() throws IOException;
}
