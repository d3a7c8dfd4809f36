package io.chronosguard.engine.archiver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * restic's exclude rules: glob patterns matched component by component ({@code **} spans
 * any number of components; a pattern without a leading slash may match anywhere),
 * CACHEDIR.TAG directories, and staying on one file system.
 */
public final class Excluder {
    static final String CACHEDIR_TAG = "CACHEDIR.TAG";
    static final byte[] CACHEDIR_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55".getBytes(StandardCharsets.US_ASCII);

    private final List<String> patterns;
    private final List<PathMatcher[]> compiled = new ArrayList<>();
    private final boolean excludeCaches;
    private final boolean oneFileSystem;

    public Excluder(List<String> patterns, boolean excludeCaches, boolean oneFileSystem) {
        this.patterns = List.copyOf(patterns);
        this.excludeCaches = excludeCaches;
        this.oneFileSystem = oneFileSystem;
        for (String p : patterns) {
            compiled.add(compile(p));
        }
    }

    public static Excluder none() {
        return new Excluder(List.of(), false, false);
    }

    /** Reads patterns from a file: one per line, blank lines and {@code #} comments ignored. */
    public static List<String> readPatternFile(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(t);
            }
        }
        return out;
    }

    public List<String> patterns() {
        return patterns;
    }

    private static PathMatcher[] compile(String pattern) {
        String p = pattern.strip();
        if (p.isEmpty()) {
            throw new IllegalArgumentException("empty exclude pattern");
        }
        List<String> parts = new ArrayList<>(Arrays.asList(p.split("/+")));
        if (p.startsWith("/")) {
            parts.remove(0);
        } else {
            parts.add(0, "**");
        }
        PathMatcher[] m = new PathMatcher[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            try {
                m[i] = part.equals("**") ? null : FileSystems.getDefault().getPathMatcher("glob:" + part);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid exclude pattern \"" + pattern + "\": " + e.getMessage());
            }
        }
        return m;
    }

    /** Whether the absolute {@code path} matches a pattern. */
    public boolean excludedByPattern(Path path) {
        if (compiled.isEmpty()) {
            return false;
        }
        Path[] comps = new Path[path.getNameCount()];
        for (int i = 0; i < comps.length; i++) {
            comps[i] = path.getName(i);
        }
        for (PathMatcher[] m : compiled) {
            if (match(m, 0, comps, 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean match(PathMatcher[] m, int mi, Path[] comps, int ci) {
        if (mi == m.length) {
            return ci == comps.length;
        }
        if (m[mi] == null) {
            for (int k = ci; k <= comps.length; k++) {
                if (match(m, mi + 1, comps, k)) {
                    return true;
                }
            }
            return false;
        }
        return ci < comps.length && m[mi].matches(comps[ci]) && match(m, mi + 1, comps, ci + 1);
    }

    /** Whether a directory is tagged as a cache, so only its tag file is kept. */
    public boolean isTaggedCache(Path dir) {
        if (!excludeCaches) {
            return false;
        }
        Path tag = dir.resolve(CACHEDIR_TAG);
        if (!Files.isRegularFile(tag)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(tag)) {
            return Arrays.equals(in.readNBytes(CACHEDIR_SIGNATURE.length), CACHEDIR_SIGNATURE);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether an entry on device {@code dev} is skipped when the target is on {@code rootDev}. */
    public boolean crossesFileSystem(long rootDev, long dev) {
        return oneFileSystem && rootDev != dev;
    }
}
