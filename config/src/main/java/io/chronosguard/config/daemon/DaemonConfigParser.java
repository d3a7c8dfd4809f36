package io.chronosguard.config.daemon;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a {@link DaemonConfig} from HOCON or JSON text ({@code sources}, {@code prune},
 * {@code alerts} at the top) and validates all of it, collecting every problem with its field
 * path ({@code sources[0].watch.delay}; list indices count from 0) before it fails.
 */
public final class DaemonConfigParser {
    private static final Set<String> TOP = Set.of("sources", "prune", "alerts");
    private static final Set<String> SOURCE = Set.of("name", "paths", "excludes", "watch", "schedule", "retention");
    private static final Set<String> WATCH = Set.of("enabled", "delay");
    private static final Set<String> RETENTION = Set.of("keep-last", "keep-hourly", "keep-daily", "keep-weekly",
            "keep-monthly", "keep-yearly", "keep-within", "keep-tags");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern WITHIN = Pattern.compile("(\\d+[ymdh])+");
    private static final Duration MIN_DELAY = Duration.ofMillis(100);

    /** The section of the main config file ({@code --config FILE}) that holds the daemon configuration. */
    public static final String SECTION = "daemon";

    private final List<String> problems = new ArrayList<>();

    private DaemonConfigParser() {
    }

    /**
     * The {@code daemon} section of a settings file (HOCON, or JSON for {@code .json}), if it
     * has one; problems name their field under it ({@code daemon.sources[0].paths}). The
     * settings loader reports everything else in the file.
     */
    public static java.util.Optional<DaemonConfig> fromSettingsFile(java.nio.file.Path file) {
        ConfigObject root;
        try {
            boolean json = file.getFileName().toString().endsWith(".json");
            root = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)
                    .setSyntax(json ? ConfigSyntax.JSON : ConfigSyntax.CONF)).root();
        } catch (ConfigException e) {
            throw new DaemonConfigException(List.of(e.getMessage()));
        }
        ConfigValue section = root.get(SECTION);
        if (section == null) {
            return java.util.Optional.empty();
        }
        if (!(section instanceof ConfigObject o)) {
            throw new DaemonConfigException(List.of(SECTION + ": must be a section holding sources, prune, alerts"));
        }
        try {
            return java.util.Optional.of(parse(o.toConfig().resolve().root()));
        } catch (DaemonConfigException e) {
            throw new DaemonConfigException(e.problems().stream().map(p -> SECTION + "." + p).toList());
        } catch (ConfigException e) {
            throw new DaemonConfigException(List.of(SECTION + ": " + e.getMessage()));
        }
    }

    /** @throws DaemonConfigException naming every bad field */
    public static DaemonConfig parse(String text) {
        ConfigObject root;
        try {
            root = ConfigFactory.parseString(text, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF))
                    .resolve().root();
        } catch (ConfigException e) {
            throw new DaemonConfigException(List.of("syntax error: " + e.getMessage()
                    .replaceFirst("^String: ", "")));
        }
        return parse(root);
    }

    /** The daemon part of an already parsed config file (its {@code daemon} section). */
    public static DaemonConfig parse(ConfigObject root) {
        DaemonConfigParser p = new DaemonConfigParser();
        DaemonConfig c = p.read(root);
        if (!p.problems.isEmpty()) {
            throw new DaemonConfigException(p.problems);
        }
        return c;
    }

    private DaemonConfig read(ConfigObject root) {
        unknown("", root, TOP);
        List<Source> sources = new ArrayList<>();
        ConfigValue list = root.get("sources");
        if (list != null && list.valueType() != ConfigValueType.LIST) {
            problems.add("sources: must be a list of sources");
        } else if (list != null) {
            Set<String> names = new HashSet<>();
            List<?> items = (List<?>) list;
            for (int i = 0; i < items.size(); i++) {
                String at = "sources[" + i + "]";
                if (!(items.get(i) instanceof ConfigObject o)) {
                    problems.add(at + ": must be an object with name and paths");
                    continue;
                }
                Source s = source(at, o);
                if (s != null && !names.add(s.name())) {
                    problems.add(at + ".name: \"" + s.name() + "\" is used by another source; names must be unique");
                }
                sources.add(s);
            }
        }
        String prune = null;
        ConfigValue pruneBlock = root.get("prune");
        if (pruneBlock instanceof ConfigObject o) {
            unknown("prune.", o, Set.of("schedule"));
            prune = cron("prune.schedule", o.get("schedule"));
        } else if (pruneBlock != null) {
            problems.add("prune: must be an object such as { schedule = \"0 30 4 * * *\" }");
        }
        ConfigValue alerts = root.get("alerts");
        DaemonConfig.Alerts a = alerts == null ? null
                : new DaemonConfig.Alerts(alerts.render(ConfigRenderOptions.concise()));
        return new DaemonConfig(sources.stream().filter(s -> s != null).toList(), prune, a);
    }

    private Source source(String at, ConfigObject o) {
        int before = problems.size();
        unknown(at + ".", o, SOURCE);
        String name = text(at + ".name", o.get("name"), true);
        if (name != null && !NAME.matcher(name).matches()) {
            problems.add(at + ".name: \"" + name + "\" must be 1-64 letters, digits, '.', '_' or '-'");
        }
        List<String> paths = strings(at + ".paths", o.get("paths"));
        if (o.get("paths") == null || paths.isEmpty()) {
            problems.add(at + ".paths: give at least one absolute path");
        }
        for (int i = 0; i < paths.size(); i++) {
            if (!paths.get(i).startsWith("/")) {
                problems.add(at + ".paths[" + i + "]: \"" + paths.get(i) + "\" is not an absolute path");
            }
        }
        List<String> excludes = strings(at + ".excludes", o.get("excludes"));
        Source.Watch watch = watch(at + ".watch", o.get("watch"));
        String schedule = cron(at + ".schedule", o.get("schedule"));
        Source.Retention retention = retention(at + ".retention", o.get("retention"));
        return problems.size() > before ? null : new Source(name, paths, excludes, watch, schedule, retention);
    }

    private Source.Watch watch(String at, ConfigValue v) {
        if (v == null) {
            return null;
        }
        if (v.valueType() == ConfigValueType.BOOLEAN) {
            return Boolean.TRUE.equals(v.unwrapped()) ? new Source.Watch(Source.DEFAULT_DELAY) : null;
        }
        if (!(v instanceof ConfigObject o)) {
            problems.add(at + ": must be true, false or { enabled = true, delay = 60s }");
            return null;
        }
        unknown(at + ".", o, WATCH);
        ConfigValue enabled = o.get("enabled");
        if (enabled != null && enabled.valueType() != ConfigValueType.BOOLEAN) {
            problems.add(at + ".enabled: must be true or false");
        }
        Duration delay = Source.DEFAULT_DELAY;
        if (o.get("delay") != null) {
            try {
                delay = o.toConfig().getDuration("delay");
                if (delay.compareTo(MIN_DELAY) < 0) {
                    problems.add(at + ".delay: " + delay.toMillis() + " ms is too short; give at least 100ms");
                }
            } catch (ConfigException e) {
                problems.add(at + ".delay: \"" + o.get("delay").unwrapped()
                        + "\" is not a duration (examples: 60s, 2m, 500ms)");
            }
        }
        return enabled != null && Boolean.FALSE.equals(enabled.unwrapped()) ? null : new Source.Watch(delay);
    }

    private Source.Retention retention(String at, ConfigValue v) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof ConfigObject o)) {
            problems.add(at + ": must be an object such as { keep-last = 7, keep-daily = 14 }");
            return null;
        }
        unknown(at + ".", o, RETENTION);
        int[] n = new int[6];
        String[] keys = {"keep-last", "keep-hourly", "keep-daily", "keep-weekly", "keep-monthly", "keep-yearly"};
        for (int i = 0; i < keys.length; i++) {
            n[i] = count(at + "." + keys[i], o.get(keys[i]));
        }
        String within = text(at + ".keep-within", o.get("keep-within"), false);
        if (within != null && !WITHIN.matcher(within).matches()) {
            problems.add(at + ".keep-within: \"" + within + "\" is not a duration like 2d, 12h or 1y6m");
        }
        List<String> tags = strings(at + ".keep-tags", o.get("keep-tags"));
        return new Source.Retention(n[0], n[1], n[2], n[3], n[4], n[5], within, tags);
    }

    private int count(String at, ConfigValue v) {
        if (v == null) {
            return 0;
        }
        if (v.valueType() != ConfigValueType.NUMBER || !(v.unwrapped() instanceof Integer i) || i < 0) {
            problems.add(at + ": must be a whole number of at least 0, got " + v.render(ConfigRenderOptions.concise()));
            return 0;
        }
        return i;
    }

    private String cron(String at, ConfigValue v) {
        String t = text(at, v, false);
        if (t == null) {
            return null;
        }
        try {
            return CronSchedule.parse(t).toString();
        } catch (IllegalArgumentException e) {
            problems.add(at + ": " + e.getMessage());
            return null;
        }
    }

    private String text(String at, ConfigValue v, boolean required) {
        if (v == null) {
            if (required) {
                problems.add(at + ": is missing");
            }
            return null;
        }
        if (v.valueType() != ConfigValueType.STRING) {
            problems.add(at + ": must be a string, got " + v.render(ConfigRenderOptions.concise()));
            return null;
        }
        return (String) v.unwrapped();
    }

    private List<String> strings(String at, ConfigValue v) {
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.valueType() != ConfigValueType.LIST) {
            problems.add(at + ": must be a list of strings");
            return out;
        }
        List<?> items = (List<?>) v;
        for (int i = 0; i < items.size(); i++) {
            String s = text(at + "[" + i + "]", (ConfigValue) items.get(i), true);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private void unknown(String prefix, ConfigObject o, Set<String> known) {
        o.keySet().stream().sorted().filter(k -> !known.contains(k)).forEach(k -> problems.add(prefix + k
                + ": unknown field (expected " + String.join(", ", known.stream().sorted().toList()) + ")"));
    }
}
