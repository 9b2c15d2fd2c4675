package dev.fahr.settings;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The settings one driver accepts; finds a key by name and suggests the closest for a typo. */
public final class SettingsSchema {

    private final String owner;
    private final Map<String, SettingKey> keys = new LinkedHashMap<>();

    public SettingsSchema(String owner, List<SettingKey> keys) {
        this.owner = owner;
        keys.forEach(k -> this.keys.put(k.name(), k));
    }

    public String owner() {
        return owner;
    }

    public List<SettingKey> keys() {
        return List.copyOf(keys.values());
    }

    /** The key for {@code fullName}, e.g. {@code instance_type} or {@code input.train}. */
    public SettingKey lookup(String fullName) {
        SettingKey exact = keys.get(fullName);
        if (exact != null && !exact.prefix()) {
            return exact;
        }
        int dot = fullName.indexOf('.');
        if (dot > 0) {
            SettingKey prefix = keys.get(fullName.substring(0, dot));
            if (prefix != null && prefix.prefix() && dot < fullName.length() - 1) {
                return prefix;
            }
        }
        if (exact != null) {
            throw new SettingsException(fullName + " needs a name after it, e.g. --config." + fullName + ".NAME=VALUE");
        }
        String known = String.join(", ", keys.values().stream()
                .map(k -> k.prefix() ? k.name() + ".<name>" : k.name()).toList());
        String hint = closest(fullName).map(c -> "; did you mean " + c + "?").orElse("");
        throw new SettingsException("unknown setting '" + fullName + "' for the " + owner + " driver" + hint
                + " (known: " + known + ")");
    }

    Optional<String> closest(String name) {
        return keys.keySet().stream()
                .map(k -> Map.entry(k, EditDistance.between(name, k)))
                .filter(e -> e.getValue() <= Math.max(2, e.getKey().length() / 3))
                .min(Comparator.comparingInt(Map.Entry::getValue))
                .map(Map.Entry::getKey);
    }
}
