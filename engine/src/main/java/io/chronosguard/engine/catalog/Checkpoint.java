package io.chronosguard.engine.catalog;

/**
 * A running cluster job's checkpoint: its run, the job's id and repository, and how many
 * finished tasks it holds ({@link Catalog#checkpointTasks} reads them).
 *
 * @param repositoryId   the repository config's id
 * @param parentSnapshot the job's parent snapshot id, or null
 */
public record Checkpoint(RunRecord run, String jobId, String repositoryId, String parentSnapshot, long tasks) {
}
