package io.chronosguard.engine.repo.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.chronosguard.engine.repo.Id;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tree blob plaintext (format §8) to {@link Tree} and back. {@link #parse} reads any tree
 * restic 0.14 wrote (and tolerates field order, unknown fields and omissions, as restic does);
 * {@link #serialize} writes the bytes restic 0.14 would write for the same tree, so its
 * {@link #id} matches restic's and the blob dedupes (§8.3). Stateless and thread-safe.
 */
public final class TreeCodec {
    // Jackson's defaults refuse comments, trailing commas and raw control characters, as Go does.
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final byte[] HEAD = {'{', '"', 'n', 'o', 'd', 'e', 's', '"', ':', '['};

    private TreeCodec() {
    }

    /**
     * Reads a tree blob's plaintext, {@code {"nodes":[...]}} with or without the trailing
     * newline. Names are JSON-decoded, then Go-unquoted to raw bytes.
     *
     * @throws TreeFormatException for malformed JSON, a bad field (naming node index and
     *     field), or nodes out of order or with duplicate names, which restic never writes
     */
    public static Tree parse(byte[] plaintextJson) {
        List<Node> nodes;
        try (JsonParser p = JSON.createParser(plaintextJson)) {
            nodes = readTree(p);
        } catch (IOException e) { // Jackson's parse errors are IOExceptions
            throw new TreeFormatException(-1, null, e.getMessage(), e);
        }
        int bad = Tree.firstDisorder(nodes);
        if (bad >= 0) {
            throw new TreeFormatException(bad, "name", Tree.describeDisorder(nodes, bad));
        }
        return new Tree(nodes);
    }

    private static List<Node> readTree(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new TreeFormatException(-1, null, "expected a JSON object");
        }
        List<Node> nodes = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (!field.equals("nodes")) {
                p.skipChildren();
            } else if (v == JsonToken.START_ARRAY) {
                nodes.clear(); // a repeated key replaces, as in Go
                readNodes(p, nodes);
            } else if (v != JsonToken.VALUE_NULL) {
                throw new TreeFormatException(-1, "nodes",
                        "expected an array, got " + NodeJsonReader.describe(v));
            }
        }
        if (p.nextToken() != null) {
            throw new TreeFormatException(-1, null, "data after the tree object at "
                    + p.currentLocation().getByteOffset());
        }
        return nodes;
    }

    private static void readNodes(JsonParser p, List<Node> nodes) throws IOException {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            int index = nodes.size();
            if (t != JsonToken.START_OBJECT) {
                throw new TreeFormatException(index, null,
                        "expected an object, got " + NodeJsonReader.describe(t));
            }
            try {
                nodes.add(NodeJsonReader.read(p, index));
            } catch (TreeFormatException e) {
                throw e;
            } catch (IOException e) {
                throw new TreeFormatException(index, null, e.getMessage(), e);
            }
        }
    }

    /**
     * The tree blob's plaintext exactly as restic 0.14 writes it: {@code {"nodes":[} + compact
     * nodes joined by commas + {@code ]}} + newline.
     *
     * @throws IllegalArgumentException for a node restic cannot store (a year outside
     *     0…9999), naming the node
     */
    public static byte[] serialize(Tree tree) {
        List<Node> nodes = tree.nodes();
        JsonBytes out = new JsonBytes(64 + 400 * nodes.size());
        for (byte b : HEAD) {
            out.put(b);
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (i > 0) {
                out.put(',');
            }
            try {
                NodeJsonWriter.write(out, nodes.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("node " + i + " \""
                        + GoQuote.quote(nodes.get(i).rawName()) + "\": " + e.getMessage(), e);
            }
        }
        out.ascii("]}\n");
        return out.toByteArray();
    }

    /** The tree blob's ID: SHA-256 of the serialized bytes, trailing newline included. */
    public static Id id(byte[] serialized) {
        return Id.hash(serialized);
    }
}
