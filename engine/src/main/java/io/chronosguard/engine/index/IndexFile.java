package io.chronosguard.engine.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.format.FormatException;
import io.chronosguard.engine.repo.format.IndexJson;
import io.chronosguard.engine.repo.format.ResticJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One decoded index file: the blobs it lists and the index files it supersedes. Reads the
 * current object form and the pre-2015 top-level array of packs.
 */
public record IndexFile(List<Id> supersedes, List<PackedBlob> blobs) {

    public static IndexFile decode(byte[] json, String name) {
        IndexJson idx = IndexStreamReader.read(json);
        return fromJson(idx != null ? idx : readWithDatabind(json, name), name);
    }

    /** The general path: any JSON Jackson's databind accepts for these records, with its errors. */
    private static IndexJson readWithDatabind(byte[] json, String name) {
        ObjectMapper m = ResticJson.mapper();
        IndexJson idx;
        try {
            JsonNode root = m.readTree(json);
            if (root == null) {
                throw new FormatException("index " + name + " is empty");
            }
            if (root.isArray()) {
                idx = new IndexJson(List.of(), m.convertValue(root,
                        m.getTypeFactory().constructCollectionType(List.class, IndexJson.Pack.class)));
            } else {
                idx = m.treeToValue(root, IndexJson.class);
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new FormatException("index " + name + " is not valid index JSON: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FormatException("index " + name + " cannot be read: " + e.getMessage(), e);
        }
        return idx;
    }

    /**
     * The JSON of an index file (without {@code supersedes}) listing {@code blobs}, grouped by
     * pack in the order the packs first appear.
     */
    public static byte[] encode(Collection<PackedBlob> blobs) {
        Map<Id, List<IndexJson.Blob>> byPack = new LinkedHashMap<>();
        for (PackedBlob b : blobs) {
            byPack.computeIfAbsent(b.pack(), k -> new ArrayList<>()).add(new IndexJson.Blob(b.id().hex(),
                    b.type().json(), b.offset(), b.length(), b.compressed() ? (long) b.uncompressedLength() : null));
        }
        List<IndexJson.Pack> packs = new ArrayList<>();
        byPack.forEach((id, bl) -> packs.add(new IndexJson.Pack(id.hex(), bl)));
        return ResticJson.write(new IndexJson(List.of(), packs));
    }

    static IndexFile fromJson(IndexJson idx, String name) {
        List<Id> sup = new ArrayList<>();
        for (String s : idx.supersedes()) {
            sup.add(parseId(s, name, "supersedes"));
        }
        List<PackedBlob> blobs = new ArrayList<>();
        for (IndexJson.Pack p : idx.packs()) {
            Id pack = parseId(p.id(), name, "pack id");
            for (IndexJson.Blob b : p.blobs()) {
                BlobType type;
                try {
                    type = BlobType.fromJson(b.type());
                } catch (IllegalArgumentException e) {
                    throw new FormatException("index " + name + ": pack " + p.id() + ": " + e.getMessage());
                }
                long ulen = b.uncompressedLength() == null ? 0 : b.uncompressedLength();
                if (b.offset() < 0 || b.length() < 32 || b.length() > Integer.MAX_VALUE || ulen < 0
                        || ulen > Integer.MAX_VALUE) {
                    throw new FormatException("index " + name + ": blob " + b.id() + " has impossible offset/length");
                }
                blobs.add(new PackedBlob(parseId(b.id(), name, "blob id"), type, pack, b.offset(),
                        (int) b.length(), (int) ulen));
            }
        }
        return new IndexFile(List.copyOf(sup), List.copyOf(blobs));
    }

    private static Id parseId(String s, String name, String what) {
        if (!Id.isValid(s)) {
            throw new FormatException("index " + name + " has an invalid " + what + ": " + s);
        }
        return Id.parse(s);
    }
}
