package io.chronosguard.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Typed values resolved so far, by key name; defaults read the ones declared before them. */
final class Values {
    private final Map<String, Object> byName = new HashMap<>();

    <T> void put(SettingKey<T> key, T value) {
        byName.put(key.name(), value);
    }

    @SuppressWarnings("unchecked") // put() only ever stores a T under a SettingKey<T>'s name
    <T> Optional<T> optional(SettingKey<T> key) {
        return Optional.ofNullable((T) byName.get(key.name()));
    }

    <T> T get(SettingKey<T> key) {
        return optional(key).orElseThrow(() -> new IllegalStateException(
                "setting " + key.name() + " has no value and no default"));
    }
}
