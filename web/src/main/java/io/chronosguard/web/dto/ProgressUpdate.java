package io.chronosguard.web.dto;

import java.util.List;

/**
 * One message on {@code /ws}: the whole current state (clients simply redraw).
 *
 * @param seq     increases whenever anything in the state changes
 * @param state   {@code idle}, {@code running}, {@code paused}, {@code finished}, {@code stopped} or {@code failed}
 * @param node    the node serving this socket
 * @param job     the running (or last) job, null when there is none
 * @param events  recent discrete events, oldest first (job started, directory completed, node joined...)
 * @param errors  recent per-file errors, oldest first
 * @param log     the tail of the log, oldest first
 */
public record ProgressUpdate(long seq, String time, String state, NodeStatus node, JobProgress job,
        List<WorkerStatus> workers, List<NodeStatus> nodes, List<ProgressEvent> events, List<String> errors,
        List<String> log) {

    public ProgressUpdate {
        workers = List.copyOf(workers);
        nodes = List.copyOf(nodes);
        events = List.copyOf(events);
        errors = List.copyOf(errors);
        log = List.copyOf(log);
    }
}
