package io.chronosguard.coordinator.singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronosguard.coordinator.protocol.TaskOutcome;
import io.chronosguard.engine.catalog.CheckpointTask;

/**
 * A finished task as its checkpoint row keeps it: the slice it covered and its outcome as
 * JSON (the file nodes are restic tree JSON inside, base64, so names and content lists
 * survive byte for byte). Every blob an outcome names was indexed before the coordinator
 * accepted it, so a replayed outcome is as good as a fresh one.
 */
final class Checkpoints {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Checkpoints() {
    }

    static CheckpointTask encode(Job.Finished f) {
        try {
            return new CheckpointTask(f.seq(), f.spec().path(), f.spec().from(), f.spec().to(), f.node(),
                    JSON.writeValueAsString(f.outcome()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a task outcome always serialises", e);
        }
    }

    static TaskOutcome outcome(CheckpointTask t) {
        try {
            return JSON.readValue(t.outcome(), TaskOutcome.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("checkpoint task " + t.seq() + " (" + t.path() + ") is not a task"
                    + " outcome: " + e.getOriginalMessage(), e);
        }
    }

    /** What identifies a task within its job: its directory and slice. */
    static String key(String path, String from, String to) {
        return path + '\0' + (from == null ? "" : "f" + from) + '\0' + (to == null ? "" : "t" + to);
    }
}
