-- Checkpoints of running cluster jobs: what a new coordinator needs to resume a job whose
-- coordinator died (or whose one-node cluster was restarted) without redoing finished
-- directories. A checkpoint exists only while its job runs; it is deleted when the job ends.

CREATE TABLE job_checkpoints (
    run_id          BIGINT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    job_id          VARCHAR(64) NOT NULL,
    repository_id   VARCHAR(64) NOT NULL,  -- the repository config's id
    parent_snapshot VARCHAR(64)
);

-- One row per finished directory task, in the order the coordinator accepted them (so a
-- replay meets every directory after the task that found it). outcome is the task's result
-- as JSON: file nodes, subdirectories, split points; the data it names was indexed before.
CREATE TABLE job_checkpoint (
    run_id     BIGINT NOT NULL REFERENCES job_checkpoints (run_id) ON DELETE CASCADE,
    seq        BIGINT NOT NULL,
    path       TEXT NOT NULL,
    slice_from TEXT,
    slice_to   TEXT,
    node       TEXT,
    outcome    TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
);

ALTER TABLE runs ADD COLUMN reused_tasks BIGINT;  -- tasks taken from a checkpoint when the run resumed
ALTER TABLE runs ADD COLUMN tasks_run BIGINT;     -- tasks run (by the last coordinator, after any resume)
