package io.chronosguard.engine.catalog;

/**
 * One finished directory task of a running cluster job, as its checkpoint keeps it.
 *
 * @param seq     order in which the coordinator accepted it
 * @param from    first name of the slice, or null
 * @param to      end of the slice (exclusive), or null
 * @param outcome the task's result as JSON (opaque to the catalog)
 */
public record CheckpointTask(long seq, String path, String from, String to, String node, String outcome) {
}
