package io.chronosguard.migration.legacy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;

/**
 * Reads one legacy file with Jackson's streaming parser: the history array entry by entry
 * (each entry becomes a small tree, is mapped and dropped), logs and speed samples skipped
 * without building anything, so a file of tens of megabytes needs little more memory than
 * the runs it yields. The whole value is parsed before the file is classified, so a
 * truncated file is always MALFORMED_JSON, never half-read.
 */
public final class LegacyFileReader {
    /** Python's json.dump may write NaN/Infinity; they are not a reason to refuse a file. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final ObjectMapper TREES = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final EntryMapper mapper;

    public LegacyFileReader(ZoneId legacyZone) {
        this.mapper = new EntryMapper(legacyZone);
    }

    /**
     * Reads {@code file}; {@code name} is how reports name it.
     *
     * @throws RejectedFileException when the file is empty, not one JSON value, or no legacy shape
     * @throws IOException           when the file cannot be read at all
     */
    public LegacyFile read(Path file, String name) throws RejectedFileException, IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, name);
        }
    }

    /** As {@link #read(Path, String)}, from a stream (which is not closed). */
    public LegacyFile read(InputStream in, String name) throws RejectedFileException, IOException {
        try (JsonParser p = new ExtremeNumbers(FACTORY.createParser(in))) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new RejectedFileException(name, Rejection.EMPTY_FILE,
                        p.currentLocation().getByteOffset() == 0 ? "the file is empty (0 bytes)"
                                : "the file holds only whitespace");
            }
            FileContent content = new FileContent(name, mapper);
            if (first == JsonToken.START_OBJECT) {
                readObject(p, content);
            } else {
                p.skipChildren();
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw new RejectedFileException(name, Rejection.MALFORMED_JSON,
                        "more data after the JSON value ends" + at(p.currentTokenLocation())
                                + " (a file written twice, or a leftover of an earlier write)");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new RejectedFileException(name, Rejection.UNRECOGNISED_FORMAT,
                        "the file holds " + describe(first) + ", but every legacy file is a JSON object");
            }
            return content.classify();
        } catch (JsonProcessingException e) {
            throw new RejectedFileException(name, Rejection.MALFORMED_JSON, malformed(e));
        }
    }

    private void readObject(JsonParser p, FileContent content) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            content.keys.add(key);
            switch (key) {
                case "history" -> readHistory(p, value, content);
                case "directories" -> readDirectories(p, value, content);
                default -> {
                    if (FileContent.KEPT.contains(key)) {
                        content.top.put(key, tree(p));
                    } else {
                        p.skipChildren(); // logs, speed samples, errors...: no tree is built
                    }
                }
            }
        }
    }

    private void readHistory(JsonParser p, JsonToken value, FileContent content) throws IOException {
        content.history = null;
        if (value != JsonToken.START_ARRAY) {
            content.historyNotArray = describe(value);
            p.skipChildren();
            return;
        }
        content.startHistory();
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            content.entry(tree(p), index++);
        }
    }

    private void readDirectories(JsonParser p, JsonToken value, FileContent content) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            content.directoriesNotArray = describe(value);
            p.skipChildren();
            return;
        }
        content.folders = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            content.folder(tree(p), content.folders++);
        }
    }

    private static JsonNode tree(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return NullNode.getInstance();
        }
        JsonNode n = TREES.readTree(p);
        return n == null ? NullNode.getInstance() : n;
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    /** Jackson's reason without its source excerpt, plus line and column. */
    private static String malformed(JsonProcessingException e) {
        String reason = e.getOriginalMessage();
        int nl = reason == null ? -1 : reason.indexOf('\n');
        if (nl >= 0) {
            reason = reason.substring(0, nl);
        }
        if (reason != null && reason.startsWith("Unexpected end-of-input")) {
            reason = "the file ends in the middle of the JSON value (truncated)";
        }
        return reason + at(e.getLocation());
    }

    private static String at(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) {
            return "";
        }
        return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }
}
