package io.chronosguard.tests;

import io.chronosguard.tests.ApiFuzzIT.Shot;
import io.chronosguard.tests.ApiRoutes.Route;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The seeded request generator of {@link ApiFuzzIT}: every value URI-legal, most of them hostile. */
final class Fuzzer {
    private static final byte[] HUGE = hugeBody();

    private final Random rnd;
    private final String snapshot;
    private final Path secret;
    private final Path restores;

    Fuzzer(Random rnd, String snapshot, Path secret, Path restores) {
        this.rnd = rnd;
        this.snapshot = snapshot;
        this.secret = secret;
        this.restores = restores;
    }

    /** Every admin route, exactly, with no token, a wrong one and the viewer's, with a good and a bad body. */
    List<Shot> authProbes(String base, boolean node) {
        List<Shot> out = new ArrayList<>();
        for (Route r : ApiRoutes.ALL) {
            if (!r.admin() || r.nodeOnly() && !node) {
                continue;
            }
            for (String token : new String[] {null, "Bearer wrong", "Bearer " + NodeProcesses.VIEWER_TOKEN}) {
                for (byte[] body : new byte[][] {goodBody(r), "{".getBytes(StandardCharsets.UTF_8)}) {
                    out.add(new Shot(base, r, r.method(), fill(r.template(), false), token, "application/json",
                            r.method().equals("GET") ? null : body, false, true));
                }
            }
        }
        return out;
    }

    List<Shot> shots(String base, boolean node, int n) {
        List<Route> routes = ApiRoutes.ALL.stream().filter(r -> node || !r.nodeOnly()).toList();
        List<Shot> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Route r = routes.get(rnd.nextInt(routes.size()));
            boolean mutatePath = rnd.nextInt(3) == 0;
            String path = fill(r.template(), mutatePath);
            String method = rnd.nextInt(4) == 0 ? pick(ApiFuzzIT.METHODS) : r.method();
            StringBuilder q = new StringBuilder();
            for (String p : r.params()) {
                if (rnd.nextBoolean()) {
                    q.append(q.length() == 0 ? '?' : '&').append(p).append('=').append(value(p));
                }
            }
            if (rnd.nextInt(8) == 0) {
                q.append(q.length() == 0 ? '?' : '&').append(pick(ApiFuzzIT.HOSTILE)).append('=')
                        .append(pick(ApiFuzzIT.HOSTILE));
            }
            byte[] body = method.equals("GET") || method.equals("HEAD") ? null : body(r);
            out.add(new Shot(base, r, method, path + q, token(), pick(ApiFuzzIT.CONTENT_TYPES), body,
                    rnd.nextInt(40) == 0, !mutatePath));
        }
        return out;
    }

    /** The template with its {@code {id}} filled (a real snapshot now and then), and maybe one segment replaced. */
    private String fill(String template, boolean mutate) {
        String[] segs = template.split("/", -1);
        int victim = mutate ? 1 + rnd.nextInt(Math.max(1, segs.length - 1)) : -1;
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < segs.length; i++) {
            String seg = segs[i];
            if (seg.startsWith("{")) {
                seg = rnd.nextInt(3) == 0 ? snapshot.substring(0, 8) : pick(ApiFuzzIT.HOSTILE);
            }
            if (i == victim) {
                seg = pick(ApiFuzzIT.HOSTILE);
            }
            sb.append('/').append(seg);
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    private String value(String param) {
        return switch (rnd.nextInt(6)) {
            case 0 -> "/" + pick(ApiFuzzIT.HOSTILE);
            case 1 -> enc(secret.toString());
            case 2 -> "a".repeat(1 + rnd.nextInt(20_000));
            case 3 -> param.equals("format") ? pick(new String[] {"tar", "zip", "raw", "TAR", "tar%00"}) : "%2F";
            default -> pick(ApiFuzzIT.HOSTILE);
        };
    }

    private String token() {
        return switch (rnd.nextInt(10)) {
            case 0 -> null;
            case 1 -> "Bearer " + NodeProcesses.VIEWER_TOKEN;
            case 2, 3, 8, 9 -> "Bearer " + NodeProcesses.TOKEN; // most requests get past auth to the handlers
            case 4 -> "Bearer " + "z".repeat(rnd.nextInt(5000));
            case 5 -> "Basic dXNlcjpwYXNz";
            case 6 -> "Bearer " + NodeProcesses.TOKEN.substring(1);
            default -> "Bearer \u00e9\u00e8";
        };
    }

    private byte[] body(Route r) {
        String s = switch (rnd.nextInt(12)) {
            case 0 -> null;
            case 1 -> "{";
            case 2 -> "[1,2,";
            case 3 -> "null";
            case 4 -> "{\"paths\": 5, \"snapshot\": [], \"target\": {}, \"action\": 7, \"directories\": \"x\"}";
            case 5 -> "{\"paths\": [\"../../etc\", \"/nonexistent/../..\", \"rel\\u0000x\"],"
                    + " \"directories\": [\"../..\", \"\\u0000\"], \"action\": \"\\ud800\"}";
            case 6 -> "{\"snapshot\": \"" + snapshot + "\", \"path\": \"/../../../etc/passwd\", \"target\": \""
                    + restores.resolve("r" + rnd.nextInt(1000)) + "\"}";
            case 7 -> "{\"snapshot\": \"" + pickRaw() + "\", \"target\": \"" + restores.resolve("t") + "\"}";
            case 8 -> "\u0000\u0001\u00ff garbage \ufffe";
            case 9 -> "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
            case 10 -> new String(goodBody(r), StandardCharsets.UTF_8);
            default -> "";
        };
        if (rnd.nextInt(25) == 0) {
            return HUGE;
        }
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** A body the route would accept, with paths and ids that lead nowhere harmful. */
    private byte[] goodBody(Route r) {
        String s = switch (r.template()) {
            case "/api/restore" -> "{\"snapshot\": \"" + snapshot + "\", \"target\": \"" + restores.resolve("good")
                    + "\"}";
            case "/api/select" -> "{\"directories\": [\"" + secret.getParent() + "\"]}";
            case "/api/backups" -> "{\"paths\": [\"" + secret.getParent().resolveSibling("src") + "\"]}";
            case "/api/control" -> "{\"action\": \"pause\"}";
            default -> "{}";
        };
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String pickRaw() {
        return new String[] {"../../../etc/passwd", "\\u0000", "latest", "", "deadbeef", "\\u202e"}[rnd.nextInt(6)];
    }

    private String pick(String[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** 10 MiB and a bit: JSON that never closes. */
    private static byte[] hugeBody() {
        byte[] b = new byte[10 * 1024 * 1024 + 17];
        java.util.Arrays.fill(b, (byte) 'a');
        b[0] = '[';
        b[1] = '"';
        return b;
    }
}
