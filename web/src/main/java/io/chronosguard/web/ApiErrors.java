package io.chronosguard.web;

import io.chronosguard.engine.EngineException;
import io.chronosguard.web.dto.ErrorBody;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every error the API returns a JSON {@code {"error", "detail"}} body: thrown
 * {@link ApiException}s, engine errors (mapped by kind: not found → 404, locked → 409, bad
 * argument → 400, damaged or unreachable repository → 500/503), Pekko's rejections (unknown
 * path → 404, wrong method → 405, missing parameter → 400), and anything unexpected (500,
 * logged once here, with only the exception's type in the response — no stack traces).
 */
public final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    /** Pekko's default {@code pekko.http.server.parsing.max-content-length}, which we keep. */
    static final String MAX_BODY = "8 MiB";

    private ApiErrors() {
    }

    /** {@code inner} with both handlers around it. */
    public static Route handle(Route inner) {
        return Directives.handleExceptions(exceptions(),
                () -> Directives.handleRejections(rejections(), () -> inner));
    }

    public static ExceptionHandler exceptions() {
        return ExceptionHandler.newBuilder().matchAny(e -> Directives.complete(toResponse(e))).build();
    }

    /** Pekko's default rejection handling (statuses and messages), re-bodied as JSON. */
    public static RejectionHandler rejections() {
        return RejectionHandler.defaultHandler().mapRejectionResponse(ApiErrors::asJson);
    }

    public static HttpResponse error(StatusCode status, String detail) {
        return WebJson.response(status, new ErrorBody(status.reason(), detail));
    }

    static HttpResponse toResponse(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof ApiException a) {
            return error(a.status(), a.getMessage());
        }
        if (e instanceof EngineException ee) {
            return error(statusOf(ee.kind()), ee.getMessage());
        }
        if (e instanceof IllegalArgumentException) {
            return error(StatusCodes.BAD_REQUEST, e.getMessage());
        }
        LOG.error("request failed", e);
        return error(StatusCodes.INTERNAL_SERVER_ERROR, "internal error (" + e.getClass().getSimpleName()
                + "); the server log has the details");
    }

    static StatusCode statusOf(EngineException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND, REPOSITORY_NOT_FOUND -> StatusCodes.NOT_FOUND;
            case INVALID_ARGUMENT -> StatusCodes.BAD_REQUEST;
            case LOCKED, ALREADY_EXISTS -> StatusCodes.CONFLICT;
            case IO -> StatusCodes.SERVICE_UNAVAILABLE;
            case WRONG_PASSWORD, CORRUPT -> StatusCodes.INTERNAL_SERVER_ERROR;
        };
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static HttpResponse asJson(HttpResponse r) {
        String detail = r.status().reason();
        HttpEntity entity = r.entity();
        if (entity instanceof HttpEntity.Strict strict && !strict.getData().isEmpty()) {
            detail = strict.getData().utf8String();
        }
        if (r.status().intValue() == StatusCodes.PAYLOAD_TOO_LARGE.intValue()) {
            // Pekko's text names its exception class and config keys: of no use to a caller
            detail = "the request body is larger than this server accepts (" + MAX_BODY + ")";
        }
        return WebJson.response(r.status(), new ErrorBody(r.status().reason(), detail))
                .addHeaders(r.getHeaders());
    }
}
