package io.chronosguard.config.daemon;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValueFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link DaemonConfig} as the JSON that {@link DaemonConfigParser} reads back to an equal
 * value: what {@code GET /api/config} answers, what the cluster replicates and what the
 * state directory keeps.
 */
public final class DaemonConfigJson {
    private DaemonConfigJson() {
    }

    public static String render(DaemonConfig c) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("sources", c.sources().stream().map(DaemonConfigJson::source).toList());
        if (c.pruneSchedule() != null) {
            root.put("prune", Map.of("schedule", c.pruneSchedule()));
        }
        if (c.alerts() != null) {
            root.put("alerts", ConfigFactory.parseString("a = " + c.alerts().json(),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF)).root().get("a").unwrapped());
        }
        return ConfigValueFactory.fromMap(root).render(ConfigRenderOptions.concise());
    }

    private static Map<String, Object> source(Source s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("paths", s.paths());
        m.put("excludes", s.excludes());
        if (s.watch() != null) {
            m.put("watch", Map.of("enabled", true, "delay", s.watch().delay().toMillis() + "ms"));
        }
        if (s.schedule() != null) {
            m.put("schedule", s.schedule());
        }
        Source.Retention r = s.retention();
        if (r != null) {
            Map<String, Object> k = new LinkedHashMap<>();
            put(k, "keep-last", r.last());
            put(k, "keep-hourly", r.hourly());
            put(k, "keep-daily", r.daily());
            put(k, "keep-weekly", r.weekly());
            put(k, "keep-monthly", r.monthly());
            put(k, "keep-yearly", r.yearly());
            if (r.within() != null) {
                k.put("keep-within", r.within());
            }
            if (!r.tags().isEmpty()) {
                k.put("keep-tags", List.copyOf(r.tags()));
            }
            m.put("retention", k);
        }
        return m;
    }

    private static void put(Map<String, Object> m, String key, int n) {
        if (n > 0) {
            m.put(key, n);
        }
    }
}
