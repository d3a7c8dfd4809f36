package io.chronosguard.web.ws;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.handleWebSocketMessages;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import io.chronosguard.web.ApiAuth;
import io.chronosguard.web.RouteSet;
import io.chronosguard.web.WebJson;
import io.chronosguard.web.dto.ProgressUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * {@code /ws?token=...}: a WebSocket of {@link ProgressUpdate}s as JSON text messages (and
 * {@code GET /api/status}, the current one as a plain response). The
 * current state is sent at once, then every {@code interval} if it changed, and at least
 * every {@code heartbeat} anyway (so proxies keep the connection open).
 *
 * <p>Why a client can never slow the producer: each connection polls the
 * {@link ProgressSource} from a tick source, and a tick source drops ticks while its
 * downstream has no demand. A browser that stops reading therefore just stops being polled;
 * nothing queues for it beyond the stream's and the socket's fixed buffers, and the
 * producer only ever replaces a reference.
 */
public final class ProgressSocket implements RouteSet {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);

    private final ProgressSource source;
    private final Duration interval;
    private final long heartbeatTicks;

    public ProgressSocket(ProgressSource source) {
        this(source, DEFAULT_INTERVAL, DEFAULT_HEARTBEAT);
    }

    public ProgressSocket(ProgressSource source, Duration interval, Duration heartbeat) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        this.source = source;
        this.interval = interval;
        this.heartbeatTicks = Math.max(1, heartbeat.toMillis() / interval.toMillis());
    }

    /** {@code /ws}, and {@code GET /api/status}: the same state once, for scripts. */
    @Override
    public Route route(ApiAuth auth) {
        return concat(
                path("ws", () -> auth.reader(role -> handleWebSocketMessages(flow()))),
                path(PathMatchers.segment("api").slash("status"), () -> get(() -> auth.reader(role ->
                        complete(WebJson.ok(source.current()))))));
    }

    /** Incoming messages are read and ignored; the outgoing side ends when the client leaves. */
    Flow<Message, Message, NotUsed> flow() {
        return Flow.fromSinkAndSourceCoupled(Sink.<Message>ignore(), updates());
    }

    Source<Message, NotUsed> updates() {
        return Source.tick(Duration.ZERO, interval, Boolean.TRUE)
                .statefulMapConcat(this::changesOnly)
                .map(u -> (Message) TextMessage.create(new String(WebJson.bytes(u), StandardCharsets.UTF_8)))
                .mapMaterializedValue(c -> NotUsed.getInstance());
    }

    /** Per connection: the state when its seq changed or a heartbeat is due, else nothing. */
    private Function<Boolean, Iterable<ProgressUpdate>> changesOnly() {
        long[] last = {Long.MIN_VALUE};
        long[] quiet = {0};
        return tick -> {
            ProgressUpdate u = source.current();
            if (u.seq() != last[0] || ++quiet[0] >= heartbeatTicks) {
                last[0] = u.seq();
                quiet[0] = 0;
                return List.of(u);
            }
            return List.of();
        };
    }
}
