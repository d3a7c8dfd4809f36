package io.chronosguard.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the config file into each setting's text and where it was written (file:line). A
 * missing or unreadable file, a syntax error and every unknown or misplaced key become
 * problems; reading goes on where it can, so the user sees them all at once.
 */
final class ConfigFileReader {
    private final Path file;
    private final Config parsed;
    private final Config resolved;
    private final List<Problem> problems;
    private final Map<String, Sourced> values = new LinkedHashMap<>();
    private final Set<String> reported = new HashSet<>();

    private ConfigFileReader(Path file, Config parsed, Config resolved, List<Problem> problems) {
        this.file = file;
        this.parsed = parsed;
        this.resolved = resolved;
        this.problems = problems;
    }

    /**
     * Each setting's text by key name. {@code ${VAR}} substitutions see {@code env}, never the
     * process environment. Problems are added to {@code problems}.
     */
    static Map<String, Sourced> read(Path file, Map<String, String> env, List<Problem> problems) {
        String unusable = unusable(file);
        if (unusable != null) {
            problems.add(new Problem(null, null, "config file " + file, unusable));
            return Map.of();
        }
        Config parsed;
        Config resolved;
        try {
            parsed = ConfigFactory.parseFile(file.toFile(), parseOptions(file));
            Config substitutions = parsed.withFallback(
                    ConfigValueFactory.fromMap(env, "environment").toConfig());
            resolved = parsed.resolveWith(substitutions,
                    ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
        } catch (com.typesafe.config.ConfigException e) {
            problems.add(fromTypesafe(e, file));
            return Map.of();
        }
        ConfigFileReader reader = new ConfigFileReader(file, parsed, resolved, problems);
        // In file order, so problems read top to bottom like the file does.
        Comparator<Map.Entry<String, ConfigValue>> byLine =
                Comparator.comparingInt(e -> e.getValue().origin().lineNumber());
        resolved.entrySet().stream()
                .sorted(byLine.thenComparing(Map.Entry::getKey))
                .forEach(e -> reader.accept(e.getKey(), e.getValue()));
        return reader.values;
    }

    private static String unusable(Path file) {
        if (Files.isDirectory(file)) {
            return "is a directory, not a file";
        }
        if (!Files.exists(file)) {
            return "does not exist";
        }
        if (!Files.isReadable(file)) {
            return "cannot be read (permission denied)";
        }
        return null;
    }

    /** JSON for {@code .json} files, HOCON (a superset of JSON) for every other name. */
    private static ConfigParseOptions parseOptions(Path file) {
        boolean json = file.getFileName().toString().endsWith(".json");
        return ConfigParseOptions.defaults()
                .setAllowMissing(false)
                .setSyntax(json ? ConfigSyntax.JSON : ConfigSyntax.CONF);
    }

    /** Typesafe's message starts with its origin; the problem names the origin itself. */
    private static Problem fromTypesafe(com.typesafe.config.ConfigException e, Path file) {
        ConfigOrigin origin = e.origin();
        String detail = e.getMessage();
        if (origin != null && detail.startsWith(origin.description() + ": ")) {
            detail = detail.substring(origin.description().length() + 2);
        }
        String kind = e instanceof com.typesafe.config.ConfigException.Parse ? "syntax error: "
                : e instanceof com.typesafe.config.ConfigException.IO ? "cannot be read: "
                : "";
        return new Problem(null, null, where(origin, file), kind + detail);
    }

    private static String where(ConfigOrigin origin, Path file) {
        String name = origin != null && origin.filename() != null ? origin.filename() : file.toString();
        int line = origin == null ? -1 : origin.lineNumber();
        return "config file " + name + (line > 0 ? ":" + line : "");
    }

    private void accept(String path, ConfigValue value) {
        // the daemon's sources, schedules and alerts: read and validated by DaemonConfigParser
        if (path.startsWith(io.chronosguard.config.daemon.DaemonConfigParser.SECTION + ".")) {
            return;
        }
        Optional<SettingKey<?>> key = SettingKeys.byName(path).or(() -> SettingKeys.byLegacyName(path));
        if (key.isPresent()) {
            acceptSetting(key.get(), path, value);
            return;
        }
        Optional<SettingKey<?>> above = SettingKeys.ALL.stream()
                .filter(k -> k.inFile() && path.startsWith(k.name() + "."))
                .findFirst();
        if (above.isPresent()) {
            String name = above.get().name();
            if (reported.add(name)) {
                ConfigValue object = resolved.getValue(name);
                problems.add(new Problem(name, render(object), origin(name, object),
                        "must be a single value, not an object"));
            }
            return;
        }
        List<String> below = SettingKeys.fileKeys().stream().filter(k -> k.startsWith(path + ".")).toList();
        if (!below.isEmpty()) {
            problems.add(new Problem(path, render(value), origin(path, value),
                    "must be a section holding " + String.join(", ", below)));
            return;
        }
        List<String> known = SettingKeys.fileKeys();
        boolean secret = Suggestions.looksSecret(path);
        problems.add(new Problem(path, secret ? "***" : render(value), origin(path, value),
                "unknown key" + Suggestions.hint(path, known)));
    }

    /** {@code written} is the key as the file spells it: the setting's name or its legacy name. */
    private void acceptSetting(SettingKey<?> key, String written, ConfigValue value) {
        String origin = origin(written, value);
        String text = render(value);
        Sourced earlier = values.get(key.name());
        if (earlier != null) {
            problems.add(new Problem(written, key.shown(text), origin, "sets " + key.name() + " again (also set at "
                    + earlier.origin().replaceFirst("^config file ", "") + "); keep one of the two"));
        } else if (!written.equals(key.name())) {
            acceptLegacy(key, written, value, origin, text);
        } else if (!key.inFile()) {
            problems.add(new Problem(key.name(), key.shown(text), origin,
                    "cannot be set in a config file; use " + key.settableFrom()));
        } else if (value.valueType() == ConfigValueType.LIST) {
            problems.add(new Problem(key.name(), key.shown(text), origin, "must be a single value, not a list"));
        } else {
            values.put(key.name(), new Sourced(text, origin));
        }
    }

    /** A legacy config.json key: a single value, reported under the name the file uses. */
    private void acceptLegacy(SettingKey<?> key, String written, ConfigValue value, String origin, String text) {
        if (value.valueType() == ConfigValueType.LIST) {
            problems.add(new Problem(written, key.shown(text), origin, "must be a single value, not a list"));
        } else {
            values.put(key.name(), new Sourced(text, origin + " (old tool's key '" + written + "')"));
        }
    }

    /** Strings as written; numbers and booleans as HOCON renders them; lists and objects as JSON. */
    private static String render(ConfigValue value) {
        if (value.valueType() == ConfigValueType.STRING) {
            return (String) value.unwrapped();
        }
        return value.render(ConfigRenderOptions.concise());
    }

    /**
     * The line where {@code path} was written. A substituted value's own origin is where the
     * substitution pointed (another key, or the environment), so the unresolved tree comes first.
     */
    private String origin(String path, ConfigValue resolvedValue) {
        ConfigOrigin written = writtenAt(path).orElse(resolvedValue.origin());
        return where(written.filename() != null ? written : null, file);
    }

    private Optional<ConfigOrigin> writtenAt(String path) {
        ConfigValue v = parsed.root();
        for (String part : ConfigUtil.splitPath(path)) {
            if (!(v instanceof ConfigObject object) || !object.containsKey(part)) {
                return Optional.empty();
            }
            v = object.get(part);
        }
        return Optional.of(v.origin());
    }
}
