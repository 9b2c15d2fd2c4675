package dev.fahr.runtime;

import java.util.Locale;
import java.util.Optional;

/**
 * The Java types a hyperparameter can be converted to, and how. SageMaker passes every
 * hyperparameter as a string; both {@link Fahr#hyperparameter(String, int)} and the runner's
 * parameters-cell injection convert through here, so a value means the same thing in both places.
 */
public enum HyperparameterType {
    INT("int", "Integer"),
    LONG("long", "Long"),
    SHORT("short", "Short"),
    FLOAT("float", "Float"),
    DOUBLE("double", "Double"),
    BOOLEAN("boolean", "Boolean"),
    STRING("String", "String");

    private final String primitiveName;
    private final String boxedName;

    HyperparameterType(String primitiveName, String boxedName) {
        this.primitiveName = primitiveName;
        this.boxedName = boxedName;
    }

    /** The type a Java declaration names, such as {@code int}, {@code Integer} or {@code java.lang.String}. */
    public static Optional<HyperparameterType> forJavaType(String typeName) {
        String simpleName = typeName.startsWith("java.lang.") ? typeName.substring("java.lang.".length()) : typeName;
        for (HyperparameterType type : values()) {
            if (type.primitiveName.equals(simpleName) || type.boxedName.equals(simpleName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The name used in messages, as a Java programmer writes it. */
    public String javaName() {
        return primitiveName;
    }

    /**
     * Converts {@code text} to this type: an {@code Integer}, {@code Long}, {@code Short}, {@code Float},
     * {@code Double}, {@code Boolean} or {@code String}.
     *
     * @throws IllegalArgumentException naming the hyperparameter, the value and the type when it does not parse
     */
    public Object parse(String name, String text) {
        String trimmed = text.strip();
        try {
            return switch (this) {
                case INT -> Integer.parseInt(trimmed);
                case LONG -> Long.parseLong(trimmed);
                case SHORT -> Short.parseShort(trimmed);
                case FLOAT -> Float.parseFloat(trimmed);
                case DOUBLE -> Double.parseDouble(trimmed);
                case BOOLEAN -> parseBoolean(trimmed);
                case STRING -> text;
            };
        } catch (NumberFormatException e) {
            throw invalid(name, text);
        }
    }

    // Python's str(True) is "True", and SageMaker's Python SDK sends exactly that: accept any case, but
    // nothing else, so that a typo such as "ture" fails instead of silently meaning false.
    private Boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new NumberFormatException(text);
        };
    }

    private IllegalArgumentException invalid(String name, String text) {
        return new IllegalArgumentException(
                "hyperparameter \"" + name + "\" = \"" + text + "\" is not a valid " + javaName());
    }
}
