package io.chronosguard.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds {@link Settings} from four layers, later ones winning: built-in defaults, the config
 * file, environment variables, command-line flags. Validation runs once over the merged
 * result and reports every problem at once, each naming the key, the value and where it came
 * from. The environment is passed in, never read here, so callers and tests control it.
 */
public final class SettingsLoader {
    private final Map<String, String> env;
    private final Map<String, String> flags;
    private final Machine machine;
    private final List<Problem> problems = new ArrayList<>();
    private final Values values = new Values();
    private final Map<String, String> origins = new java.util.HashMap<>();

    private SettingsLoader(Map<String, String> env, Map<String, String> flags, Machine machine) {
        this.env = env;
        this.flags = flags;
        this.machine = machine;
    }

    /** As {@link #load(Optional, Map, Map, Machine)} on this machine. */
    public static Settings load(Optional<Path> configFile, Map<String, String> env, Map<String, String> flags) {
        return load(configFile, env, flags, Machine.current());
    }

    /**
     * Loads and validates the settings.
     *
     * @param configFile a HOCON ({@code .conf}) or JSON ({@code .json}) file, if the user named one
     * @param env        the process environment, e.g. {@code System.getenv()}; empty values count as unset
     * @param flags      the flags the user gave, by name ({@code "--repo"}) to raw value;
     *                   boolean flags such as {@code --debug} take {@code "true"}
     * @param machine    home directory and processor count, for defaults and {@code ~/}
     * @throws ConfigException listing every problem found
     */
    public static Settings load(Optional<Path> configFile, Map<String, String> env, Map<String, String> flags,
            Machine machine) {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(machine, "machine");
        return new SettingsLoader(env, new TreeMap<>(flags), machine).load(configFile);
    }

    private Settings load(Optional<Path> configFile) {
        Map<String, Sourced> file = configFile
                .map(f -> ConfigFileReader.read(f, env, problems))
                .orElse(Map.of());
        checkFlagNames();
        for (SettingKey<?> key : SettingKeys.ALL) {
            resolve(key, file);
        }
        if (problems.isEmpty()) {
            AlertKeys.check(values, key -> origins.getOrDefault(key, "default"), problems::add);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return SettingKeys.toSettings(values);
    }

    private <T> void resolve(SettingKey<T> key, Map<String, Sourced> file) {
        Optional<Sourced> given = winner(key, file);
        if (given.isPresent()) {
            Sourced s = given.get();
            origins.put(key.name(), s.origin());
            try {
                values.put(key, key.type().parse(s.raw(), machine));
            } catch (InvalidValue e) {
                problems.add(new Problem(key.name(), key.shown(s.raw()), s.origin(), e.getMessage()));
            }
            return;
        }
        T value = key.defaultValue().compute(values, machine, env);
        if (value == null) {
            return;
        }
        String violation = key.type().violation(value);
        if (violation != null) {
            problems.add(new Problem(key.name(), key.shown(String.valueOf(value)), "default", violation));
        } else {
            values.put(key, value);
        }
    }

    /** The highest layer that sets {@code key}: a flag, else an environment variable, else the file. */
    private Optional<Sourced> winner(SettingKey<?> key, Map<String, Sourced> file) {
        Optional<String> flag = key.flag().filter(flags::containsKey);
        if (flag.isPresent()) {
            String raw = Objects.requireNonNullElse(flags.get(flag.get()), "");
            return Optional.of(new Sourced(raw, "flag " + flag.get()));
        }
        for (String name : key.envNames()) {
            String raw = env.get(name);
            if (raw != null && !raw.isEmpty()) {
                return Optional.of(new Sourced(raw, "environment variable " + name));
            }
        }
        return Optional.ofNullable(file.get(key.name()));
    }

    private void checkFlagNames() {
        flags.forEach((flag, raw) -> {
            if (SettingKeys.byFlag(flag).isPresent()) {
                return;
            }
            // "--pack-size" names a real setting that simply has no flag: say where it goes.
            Optional<SettingKey<?>> named = SettingKeys.byName(flag.replaceFirst("^--", ""));
            boolean secret = named.map(k -> k.type().secret()).orElse(false) || Suggestions.looksSecret(flag);
            String message = named
                    .map(k -> "cannot be set by a flag; use " + k.settableFrom())
                    .orElseGet(() -> "unknown flag" + Suggestions.hint(flag, SettingKeys.flags()));
            problems.add(new Problem(flag, secret ? "***" : raw, "flag " + flag, message));
        });
    }
}
