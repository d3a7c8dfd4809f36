package io.chronosguard.coordinator.cluster;

import io.chronosguard.coordinator.protocol.Capabilities;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Repository;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * What the actors of one node share: the open repository, one blob saver for every task of
 * the node (so packs fill up across tasks; results wait for their data in
 * {@link io.chronosguard.coordinator.worker.ResultHolder}), the bounded executor for
 * blocking work, the executor on which the chunks of large files are sealed and packed
 * while their task reads on, the node's capabilities and tuning, and the node's repository lock
 * (held only while the node works on a job).
 */
public record NodeServices(Repository repository, BlobSaver blobSaver, Executor blocking, Executor blobWorkers,
        Capabilities capabilities,
        Clock clock, Tuning tuning, NodeLock lock) {

    /**
     * @param leaseDuration  a task not renewed for this long goes to another worker
     * @param splitThreshold directories with more entries are split into slices
     * @param idlePoll       how often an idle worker asks again for work
     */
    public record Tuning(int packSize, BlobSaver.Compression compression, Duration leaseDuration, int splitThreshold,
            Duration idlePoll) {
        public static Tuning defaults() {
            return new Tuning(16 << 20, BlobSaver.Compression.AUTO, Duration.ofSeconds(60), 400,
                    Duration.ofSeconds(1));
        }

        public Tuning withLease(Duration d) {
            return new Tuning(packSize, compression, d, splitThreshold, idlePoll);
        }

        public Tuning withSplitThreshold(int n) {
            return new Tuning(packSize, compression, leaseDuration, n, idlePoll);
        }
    }
}
