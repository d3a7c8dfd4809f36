package io.chronosguard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chronosguard.web.dto.RestoreRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebJsonTest {
    record Job(List<String> paths, int workers) {
    }

    private static String detail(String json, Class<?> type) {
        ApiException e = assertThrows(ApiException.class, () -> WebJson.parse(json, type));
        assertEquals(400, e.status().intValue());
        return e.getMessage();
    }

    @Test
    void parse_validBody_givesRecord() {
        RestoreRequest r = WebJson.parse("{\"snapshot\":\"latest\",\"target\":\"/t\"}", RestoreRequest.class);
        assertEquals(new RestoreRequest("latest", null, "/t"), r);
    }

    @Test
    void parse_unknownField_namesIt() {
        assertEquals("field \"tagret\": unknown field", detail("{\"tagret\":\"/t\"}", RestoreRequest.class));
    }

    @Test
    void parse_numberForString_namesFieldAndType() {
        assertEquals("field \"snapshot\": wrong type (expected a string)",
                detail("{\"snapshot\":1}", RestoreRequest.class));
    }

    @Test
    void parse_wrongTypeInsideArray_namesElement() {
        assertEquals("field \"paths[1]\": wrong type (expected a string)",
                detail("{\"paths\":[\"/a\",{}],\"workers\":1}", Job.class));
        assertEquals("field \"workers\": wrong type (expected a number)",
                detail("{\"paths\":[],\"workers\":\"many\"}", Job.class));
    }

    @Test
    void parse_malformedJson_givesLineAndColumnWithoutSourceExcerpt() {
        assertEquals("malformed JSON at line 1, column 14", detail("{\"snapshot\": ", RestoreRequest.class));
    }

    @Test
    void parse_emptyOrNonObjectBody_isRefused() {
        assertEquals("request body is empty; expected a JSON object", detail("  ", RestoreRequest.class));
        assertEquals("request body must be a JSON object", detail("[1]", RestoreRequest.class));
        assertEquals("request body is null; expected a JSON object", detail("null", RestoreRequest.class));
    }
}
