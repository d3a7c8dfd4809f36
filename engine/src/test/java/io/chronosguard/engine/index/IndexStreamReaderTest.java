package io.chronosguard.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chronosguard.engine.repo.format.IndexJson;
import io.chronosguard.engine.repo.format.ResticJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IndexStreamReaderTest {
    static final String P = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String B = "1111111111111111111111111111111111111111111111111111111111111111";
    static final String BLOB = "{\"id\":\"" + B + "\",\"type\":\"data\",\"offset\":5,\"length\":40}";

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"packs\":[{\"id\":\"" + P + "\",\"blobs\":[" + BLOB + ",{\"id\":\"" + B
            + "\",\"type\":\"tree\",\"offset\":45,\"length\":77,\"uncompressed_length\":300}]}]}\n",
        "{\"supersedes\":[\"" + P + "\",\"" + B + "\"],\"packs\":[]}",
        "{\"packs\":[{\"blobs\":[" + BLOB + "],\"id\":\"" + P + "\",\"extra\":{\"x\":[1,2]}}],\"later\":null}",
        "{\"packs\":null,\"supersedes\":null}",
        "{\"packs\":[{\"id\":\"" + P + "\",\"blobs\":null}]}",
        "{\"packs\":[{\"id\":\"" + P + "\",\"blobs\":[{\"id\":\"" + B
            + "\",\"type\":\"data\",\"offset\":5,\"length\":40,\"uncompressed_length\":null}]}]}",
        "{}",
        "[{\"id\":\"" + P + "\",\"blobs\":[" + BLOB + "]}]"})
    void read_resticShapes_equalsDatabind(String json) throws Exception {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        IndexJson fast = IndexStreamReader.read(bytes);
        assertNotNull(fast, json);
        IndexJson general = json.startsWith("[")
                ? new IndexJson(java.util.List.of(), ResticJson.mapper().readValue(bytes,
                        ResticJson.mapper().getTypeFactory().constructCollectionType(java.util.List.class,
                                IndexJson.Pack.class)))
                : ResticJson.mapper().readValue(bytes, IndexJson.class);
        assertEquals(general, fast);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "{\"packs\":[{", "{\"packs\":[]} x",
        "{\"packs\":[{\"id\":\"" + P + "\",\"blobs\":[{\"id\":\"" + B + "\",\"type\":\"data\",\"offset\":\"5\",\"length\":40}]}]}",
        "{\"packs\":[{\"id\":\"" + P + "\",\"blobs\":[{\"type\":\"data\",\"offset\":5,\"length\":40}]}]}",
        "{\"packs\":[{\"blobs\":[" + BLOB + "]}]}",
        "{\"packs\":[{\"id\":\"" + P + "\",\"blobs\":[{\"id\":\"" + B + "\",\"type\":\"data\",\"offset\":5.0,\"length\":40}]}]}",
        "{\"packs\":[{\"id\":\"" + P + "\",\"blobs\":[{\"id\":\"" + B
            + "\",\"type\":\"data\",\"offset\":99999999999999999999,\"length\":40}]}]}",
        "{\"packs\":[null]}", "{\"packs\":{}}"})
    void read_unusualOrBrokenJson_leavesItToTheGeneralPath(String json) {
        assertNull(IndexStreamReader.read(json.getBytes(StandardCharsets.UTF_8)), json);
    }
}
