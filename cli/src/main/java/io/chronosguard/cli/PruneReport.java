package io.chronosguard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronosguard.engine.prune.PrunePlan;
import io.chronosguard.engine.prune.PruneStats;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.format.ResticJson;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/** Prints a prune plan as restic 0.14 does (its {@code -v} summary), or as one JSON object. */
final class PruneReport {
    private PruneReport() {
    }

    static void print(PrintStream out, PruneStats s) {
        out.println();
        out.printf("used:         %10d blobs / %s%n", s.usedBlobs(), Sizes.format(s.usedSize()));
        if (s.duplicateBlobs() > 0) {
            out.printf("duplicates:   %10d blobs / %s%n", s.duplicateBlobs(), Sizes.format(s.duplicateSize()));
        }
        out.printf("unused:       %10d blobs / %s%n", s.unusedBlobs(), Sizes.format(s.unusedSize()));
        if (s.unreferencedSize() > 0) {
            out.printf("unreferenced:                    %s%n", Sizes.format(s.unreferencedSize()));
        }
        out.printf("total:        %10d blobs / %s%n", s.totalBlobs(), Sizes.format(s.totalSize()));
        out.printf("unused size: %s of total size%n", percent(s.unusedSizeBefore(), s.totalSize()));
        out.println();
        out.printf("to repack:    %10d blobs / %s%n", s.repackBlobs(), Sizes.format(s.repackSize()));
        out.printf("this removes: %10d blobs / %s%n", s.repackRemoveBlobs(), Sizes.format(s.repackRemoveSize()));
        out.printf("to delete:    %10d blobs / %s%n", s.removeBlobs(),
                Sizes.format(s.removeSize() + s.unreferencedSize()));
        out.printf("total prune:  %10d blobs / %s%n", s.pruneBlobs(), Sizes.format(s.pruneSize()));
        out.printf("remaining:    %10d blobs / %s%n", s.remainingBlobs(), Sizes.format(s.remainingSize()));
        out.printf("unused size after prune: %s (%s of remaining size)%n", Sizes.format(s.unusedSizeAfter()),
                percent(s.unusedSizeAfter(), s.remainingSize()));
        out.println();
        out.printf("totally used packs: %10d%n", s.packsUsed());
        out.printf("partly used packs:  %10d%n", s.packsPartlyUsed());
        out.printf("unused packs:       %10d%n", s.packsUnused());
        out.println();
        out.printf("to keep:      %10d packs%n", s.packsKeep());
        out.printf("to repack:    %10d packs%n", s.packsRepack());
        out.printf("to delete:    %10d packs%n", s.packsRemove());
        if (s.packsUnreferenced() > 0) {
            out.printf("to delete:    %10d unreferenced packs%n", s.packsUnreferenced());
        }
    }

    /** The pack lists of a dry run, short ids in braces as restic prints them. */
    static void printWouldDo(PrintStream out, PrunePlan plan) {
        out.println();
        if (!plan.unreferenced().isEmpty()) {
            out.println("Would have removed the following unreferenced packs:\n" + ids(plan.unreferenced()) + "\n");
        }
        out.println("Would have repacked and removed the following packs:\n" + ids(plan.repack()) + "\n");
        out.println("Would have removed the following no longer used packs:\n" + ids(plan.remove()));
    }

    private static String ids(Collection<Id> ids) {
        return ids.stream().sorted().map(Id::shortHex).collect(Collectors.joining(" ", "{", "}"));
    }

    /** restic's formatPercent: two decimals, capped at 100%, empty when there is nothing to divide by. */
    static String percent(long part, long whole) {
        if (whole == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%3.2f%%", Math.min(100.0, 100.0 * part / whole));
    }

    static String json(PrunePlan plan, boolean dryRun) {
        PruneStats s = plan.stats();
        ObjectNode o = ResticJson.mapper().createObjectNode();
        o.put("dry_run", dryRun);
        o.set("used", blobs(s.usedBlobs(), s.usedSize()));
        o.set("duplicates", blobs(s.duplicateBlobs(), s.duplicateSize()));
        o.set("unused", blobs(s.unusedBlobs(), s.unusedSize()));
        o.put("unreferenced_size", s.unreferencedSize());
        o.set("total", blobs(s.totalBlobs(), s.totalSize()));
        o.set("to_repack", blobs(s.repackBlobs(), s.repackSize()));
        o.set("repack_removes", blobs(s.repackRemoveBlobs(), s.repackRemoveSize()));
        o.set("to_delete", blobs(s.removeBlobs(), s.removeSize() + s.unreferencedSize()));
        o.set("total_prune", blobs(s.pruneBlobs(), s.pruneSize()));
        o.set("remaining", blobs(s.remainingBlobs(), s.remainingSize()));
        o.put("unused_size_after_prune", s.unusedSizeAfter());
        ObjectNode packs = o.putObject("packs");
        packs.put("used", s.packsUsed());
        packs.put("partly_used", s.packsPartlyUsed());
        packs.put("unused", s.packsUnused());
        packs.put("keep", s.packsKeep());
        packs.set("repack", idArray(plan.repack()));
        packs.set("delete", idArray(plan.remove()));
        packs.set("delete_unreferenced", idArray(plan.unreferenced()));
        packs.set("forget_missing", idArray(plan.missingUnneeded()));
        return o.toString();
    }

    private static ObjectNode blobs(long count, long size) {
        ObjectNode n = ResticJson.mapper().createObjectNode();
        n.put("blobs", count);
        n.put("size", size);
        return n;
    }

    private static ArrayNode idArray(Collection<Id> ids) {
        ArrayNode a = ResticJson.mapper().createArrayNode();
        ids.stream().sorted().forEach(id -> a.add(id.hex()));
        return a;
    }
}
