package io.chronosguard.tests;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Parses Prometheus text exposition with the official Prometheus Python client's parser
 * ({@code prometheus_client.parser}, Debian's {@code python3-prometheus-client}; no Java
 * library ships a parser). Text it cannot parse fails the test with the parser's error.
 */
final class PrometheusText {
    private static final String SCRIPT = String.join("\n",
            "import sys, json",
            "from prometheus_client.parser import text_string_to_metric_families",
            "out = {}",
            "for f in text_string_to_metric_families(sys.stdin.read()):",
            "    out[f.name] = {'type': f.type, 'samples': [{'name': s.name, 'labels': s.labels, 'value': s.value}"
                    + " for s in f.samples]}",
            "print(json.dumps(out))");

    private PrometheusText() {
    }

    /** Family name (without {@code _total} for counters) → {@code {type, samples: [{name, labels, value}]}}. */
    static JsonNode parse(String text) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT).redirectErrorStream(false).start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("the Prometheus parser rejected the text: " + err + "\n" + text);
        }
        return BackupIT.JSON.readTree(out);
    }

    /** The value of the sample {@code name} whose labels include {@code label=value}, or NaN. */
    static double value(JsonNode families, String family, String sample, String label, String value) {
        JsonNode f = families.get(family);
        if (f == null) {
            return Double.NaN;
        }
        for (JsonNode s : f.get("samples")) {
            if (s.get("name").asText().equals(sample)
                    && (label == null || value.equals(s.get("labels").path(label).asText(null)))) {
                return s.get("value").asDouble();
            }
        }
        return Double.NaN;
    }
}
