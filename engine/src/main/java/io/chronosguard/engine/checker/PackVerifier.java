package io.chronosguard.engine.checker;

import io.chronosguard.engine.CorruptDataException;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.pack.PackEntry;
import io.chronosguard.engine.pack.PackFormatException;
import io.chronosguard.engine.pack.PackHeader;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Repository;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads whole packs and checks every byte: the file's hash against its name, the header
 * (MAC, layout, sizes), the header against the index, and each blob's MAC, decompression
 * and id. Packs are read in parallel, one at a time per thread.
 */
final class PackVerifier {
    private final Repository repo;
    private final Consumer<Problem> report;

    PackVerifier(Repository repo, Consumer<Problem> report) {
        this.repo = repo;
        this.report = report;
    }

    /** A random {@code percent} of the packs, at least one when there are any. */
    static List<Id> subset(List<Id> packs, double percent) {
        if (percent >= 100 || packs.isEmpty()) {
            return packs;
        }
        List<Id> shuffled = new ArrayList<>(packs);
        Collections.shuffle(shuffled, new SecureRandom());
        int n = Math.max(1, (int) Math.ceil(packs.size() * percent / 100.0));
        return shuffled.subList(0, n);
    }

    void verify(List<Id> packs, Map<Id, List<PackedBlob>> indexed, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "check-read-data");
            t.setDaemon(true);
            return t;
        });
        for (Id pack : packs) {
            pool.submit(() -> verifyPack(pack, indexed.getOrDefault(pack, List.of())));
        }
        pool.shutdown();
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // keep waiting: large packs on slow disks take time
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void verifyPack(Id pack, List<PackedBlob> indexed) {
        String subject = "pack " + pack.hex();
        byte[] bytes;
        try {
            bytes = repo.backend().load(FileType.DATA, pack.hex());
        } catch (IOException e) {
            report.accept(Problem.error(subject, "cannot be read: " + e.getMessage()));
            return;
        }
        if (!Id.hash(bytes).equals(pack)) {
            report.accept(Problem.error(subject, "content does not match its name (" + bytes.length
                    + " bytes; corrupted or truncated)"));
        }
        List<PackEntry> entries;
        try {
            entries = PackHeader.parse(repo.key(), bytes, bytes.length, pack.hex());
        } catch (PackFormatException e) {
            report.accept(Problem.error(subject, e.getMessage().substring(("pack " + pack.hex() + " ").length())));
            return;
        }
        Map<String, PackEntry> byPos = new HashMap<>();
        for (PackEntry e : entries) {
            byPos.put(e.id().hex() + "@" + e.offset(), e);
            PackedBlob b = new PackedBlob(e.id(), e.type(), pack, e.offset(), e.length(), e.uncompressedLength());
            try {
                repo.decodeBlob(b, bytes, (int) e.offset());
            } catch (CorruptDataException ex) {
                report.accept(Problem.error(subject, ex.getMessage()));
            }
        }
        for (PackedBlob b : indexed) {
            PackEntry e = byPos.get(b.id().hex() + "@" + b.offset());
            if (e == null || e.length() != b.length() || e.type() != b.type()
                    || e.uncompressedLength() != b.uncompressedLength()) {
                report.accept(Problem.error(subject, "index entry for " + b.type().json() + " blob " + b.id().hex()
                        + " at offset " + b.offset() + " does not match the pack header"));
            }
        }
    }
}
