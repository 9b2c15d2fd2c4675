package dev.fahr.settings;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A driver's effective, typed settings, each with where it came from. Built from sources in priority
 * order: the first source that sets a key wins, so the command line goes first, then the job folder,
 * the project and the user's config folder; defaults fill in the rest.
 */
public final class Settings {

    /** A typed value and the source it came from. */
    public record Value(Object value, String source) {
    }

    private final SettingsSchema schema;
    private final Map<String, Value> values;

    private Settings(SettingsSchema schema, Map<String, Value> values) {
        this.schema = schema;
        this.values = Collections.unmodifiableMap(values);
    }

    public static Settings resolve(SettingsSchema schema, List<SettingSource> sources) {
        Map<String, Value> values = new TreeMap<>();
        for (SettingSource source : sources) {
            source.values().forEach((name, text) -> {
                if (!values.containsKey(name)) {
                    SettingKey key = schema.lookup(name);
                    values.put(name, new Value(key.parse(name, text), source.label()));
                }
            });
        }
        for (SettingKey key : schema.keys()) {
            if (!key.prefix() && !values.containsKey(key.name()) && key.defaultValue().isPresent()) {
                values.put(key.name(), new Value(key.parse(key.name(), key.defaultValue().get()), "default"));
            }
        }
        return new Settings(schema, values);
    }

    public SettingsSchema schema() {
        return schema;
    }

    /** Every set value by full name, in name order. */
    public Map<String, Value> all() {
        return values;
    }

    public Optional<Object> get(String name) {
        schema.lookup(name);
        return Optional.ofNullable(values.get(name)).map(Value::value);
    }

    public Optional<String> string(String name) {
        return get(name).map(String::valueOf);
    }

    public Optional<Integer> integer(String name) {
        return get(name).map(v -> (Integer) v);
    }

    public Optional<Double> number(String name) {
        return get(name).map(v -> ((Number) v).doubleValue());
    }

    public boolean flag(String name) {
        return get(name).map(v -> (Boolean) v).orElse(false);
    }

    public Optional<URI> uri(String name) {
        return get(name).map(v -> (URI) v);
    }

    /** {@code input.train=...}, {@code input.test=...} as {@code {train=..., test=...}}. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> matches = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (name.startsWith(prefix + ".")) {
                matches.put(name.substring(prefix.length() + 1), String.valueOf(value.value()));
            }
        });
        return matches;
    }
}
