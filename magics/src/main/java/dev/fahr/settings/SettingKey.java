package dev.fahr.settings;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One setting a driver accepts, as {@code --config.NAME=VALUE} or {@code NAME=VALUE} in a settings file.
 * A {@code prefix} key such as {@code input} takes any {@code input.<channel>} name.
 */
public record SettingKey(
        String name,
        SettingType type,
        String description,
        Optional<String> defaultValue,
        List<String> allowed,
        boolean prefix,
        Optional<Check> check) {

    /** A range or shape rule beyond the type, with the sentence that explains a refusal. */
    public record Check(Predicate<Object> accepts, String rule) {
    }

    public SettingKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        allowed = List.copyOf(allowed);
    }

    public static Builder builder(String name, SettingType type) {
        return new Builder(name, type);
    }

    /** Parses and checks {@code text} for the key {@code fullName} (which differs from name for prefixes). */
    Object parse(String fullName, String text) {
        Object value = type.parse(fullName, text);
        if (!allowed.isEmpty() && !allowed.contains(String.valueOf(value))) {
            throw new SettingsException(fullName + " must be one of " + String.join(", ", allowed)
                    + ", not '" + text + "'");
        }
        check.ifPresent(c -> {
            if (!c.accepts().test(value)) {
                throw new SettingsException(fullName + " " + c.rule() + ", not '" + text + "'");
            }
        });
        return value;
    }

    /** Builds a {@link SettingKey}. */
    public static final class Builder {
        private final String name;
        private final SettingType type;
        private String description = "";
        private String defaultValue;
        private List<String> allowed = List.of();
        private boolean prefix;
        private Check check;

        private Builder(String name, SettingType type) {
            this.name = name;
            this.type = type;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder defaultValue(String value) {
            this.defaultValue = value;
            return this;
        }

        public Builder allowed(String... values) {
            this.allowed = List.of(values);
            return this;
        }

        public Builder prefix() {
            this.prefix = true;
            return this;
        }

        public Builder check(Predicate<Object> accepts, String rule) {
            this.check = new Check(accepts, rule);
            return this;
        }

        /** Whole numbers from {@code min} to {@code max}, inclusive. */
        public Builder range(long min, long max) {
            return check(v -> ((Number) v).longValue() >= min && ((Number) v).longValue() <= max,
                    "must be from " + min + " to " + max);
        }

        public SettingKey build() {
            return new SettingKey(name, type, description, Optional.ofNullable(defaultValue), allowed, prefix,
                    Optional.ofNullable(check));
        }
    }
}
