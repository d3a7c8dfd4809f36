package io.chronosguard.web;

import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * A request the API refuses, with the status and the one-line detail the client gets.
 * Thrown from route code; {@link ApiErrors} renders it as {@code {"error", "detail"}}.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient StatusCode status;

    public ApiException(StatusCode status, String detail) {
        super(detail);
        this.status = status;
    }

    public StatusCode status() {
        return status;
    }

    /** 400 naming the bad field: {@code field "target": must be an absolute path}. */
    public static ApiException badField(String field, String problem) {
        return new ApiException(StatusCodes.BAD_REQUEST, "field \"" + field + "\": " + problem);
    }

    /** 400 naming the bad query parameter. */
    public static ApiException badParameter(String name, String problem) {
        return new ApiException(StatusCodes.BAD_REQUEST, "query parameter \"" + name + "\": " + problem);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(StatusCodes.NOT_FOUND, detail);
    }
}
