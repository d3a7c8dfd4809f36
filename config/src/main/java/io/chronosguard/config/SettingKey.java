package io.chronosguard.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One setting's declaration: its name (also its config file key), its type, where else it
 * may be set, and its default. Everything the loader does with a setting follows from this.
 *
 * @param name         the config file key and the name messages use, e.g. {@code http.port}
 * @param type         parses and checks the setting's text
 * @param inFile       false for settings a config file must not hold (the password)
 * @param envNames     environment variables in priority order: the first set one wins, so
 *                     {@code CHRONOSGUARD_*} names come before the legacy {@code BACKUP_*} ones
 * @param flag         the command-line flag, e.g. {@code --workers}
 * @param defaultValue the value when no layer sets one
 */
record SettingKey<T>(
        String name,
        ValueType<T> type,
        boolean inFile,
        List<String> envNames,
        Optional<String> flag,
        DefaultValue<T> defaultValue) {

    /** Computes a default from keys declared earlier, the machine and the environment. */
    @FunctionalInterface
    interface DefaultValue<T> {
        /** The default, or null for "unset" (optional settings). */
        T compute(Values earlier, Machine machine, Map<String, String> env);
    }

    SettingKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        envNames = List.copyOf(envNames);
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(defaultValue, "defaultValue");
    }

    /** A setting read from the config file only, with no default. */
    static <T> SettingKey<T> of(String name, ValueType<T> type) {
        return new SettingKey<>(name, type, true, List.of(), Optional.empty(), (v, m, e) -> null);
    }

    SettingKey<T> env(String... names) {
        List<String> all = new ArrayList<>(envNames);
        all.addAll(List.of(names));
        return new SettingKey<>(name, type, inFile, all, flag, defaultValue);
    }

    SettingKey<T> flag(String flagName) {
        if (!flagName.startsWith("--")) {
            throw new IllegalArgumentException("a flag starts with --, got " + flagName);
        }
        return new SettingKey<>(name, type, inFile, envNames, Optional.of(flagName), defaultValue);
    }

    SettingKey<T> notInFile() {
        return new SettingKey<>(name, type, false, envNames, flag, defaultValue);
    }

    SettingKey<T> defaultTo(T value) {
        Objects.requireNonNull(value, "value");
        return defaultFrom((v, m, e) -> value);
    }

    SettingKey<T> defaultFrom(DefaultValue<T> computed) {
        return new SettingKey<>(name, type, inFile, envNames, flag, computed);
    }

    /** What a message may show of {@code raw}: nothing for secrets, a JDBC URL without its password. */
    String shown(String raw) {
        return type.shown(raw);
    }

    /** Where this setting can be given, for "cannot be set by a flag; use ..." messages. */
    String settableFrom() {
        List<String> ways = new ArrayList<>();
        if (inFile) {
            ways.add("config file key '" + name + "'");
        }
        envNames.forEach(e -> ways.add("environment variable " + e));
        flag.ifPresent(f -> ways.add("flag " + f));
        if (ways.size() == 1) {
            return ways.get(0);
        }
        return String.join(", ", ways.subList(0, ways.size() - 1)) + " or " + ways.get(ways.size() - 1);
    }
}
