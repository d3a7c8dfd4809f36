package io.chronosguard.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * JSON in and out of the API. Responses are written with one shared mapper; request bodies
 * are parsed strictly (unknown fields refused) and every parse problem becomes a 400 whose
 * detail names the field, never a Jackson message with source excerpts.
 */
public final class WebJson {
    private static final ObjectMapper MAPPER = strict(new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES));

    private WebJson() {
    }

    /** A number or boolean where a string belongs is a mistake to report, not to coerce. */
    private static ObjectMapper strict(ObjectMapper m) {
        m.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return m;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HttpResponse response(StatusCode status, Object body) {
        return HttpResponse.create().withStatus(status).withEntity(ContentTypes.APPLICATION_JSON, bytes(body));
    }

    public static HttpResponse ok(Object body) {
        return response(StatusCodes.OK, body);
    }

    /** Reads the request body as {@code type} and hands it to {@code inner}; a bad body is a 400. */
    public static <T> Route body(Class<T> type, java.util.function.Function<T, Route> inner) {
        return Directives.entity(Unmarshaller.entityToString(), text -> inner.apply(parse(text, type)));
    }

    /** Parses {@code json} as {@code type}, or throws a 400 {@link ApiException} naming the field. */
    public static <T> T parse(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new ApiException(StatusCodes.BAD_REQUEST, "request body is empty; expected a JSON object");
        }
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new ApiException(StatusCodes.BAD_REQUEST, "request body is null; expected a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badField(e.getPropertyName(), "unknown field");
        } catch (MismatchedInputException e) {
            String field = fieldOf(e);
            throw field.isEmpty()
                    ? new ApiException(StatusCodes.BAD_REQUEST, "request body must be a JSON object")
                    : ApiException.badField(field, "wrong type (expected " + simpleName(e.getTargetType()) + ")");
        } catch (JsonMappingException e) {
            String field = fieldOf(e);
            throw field.isEmpty()
                    ? new ApiException(StatusCodes.BAD_REQUEST, "request body does not match: " + e.getOriginalMessage())
                    : ApiException.badField(field, "invalid value");
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ApiException(StatusCodes.BAD_REQUEST, "malformed JSON" + (loc == null ? ""
                    : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()));
        }
    }

    private static String fieldOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String simpleName(Class<?> c) {
        if (c == null) {
            return "another type";
        }
        if (c == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(c) || c.isPrimitive() && c != boolean.class) {
            return "a number";
        }
        if (c == Boolean.class || c == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(c) || c.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
