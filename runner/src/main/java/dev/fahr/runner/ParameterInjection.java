package dev.fahr.runner;

import dev.fahr.runtime.HyperparameterType;
import dev.fahr.runtime.Hyperparameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What papermill does for Python, for a job's hyperparameters: each one that names a variable of the
 * parameters cell becomes an assignment run right after that cell, converted to the variable's type.
 *
 * @param assignments  the assignments, in hyperparameter order
 * @param unknownNames hyperparameters that name no variable of the parameters cell
 */
record ParameterInjection(List<Assignment> assignments, List<String> unknownNames) {

    /**
     * One variable to override.
     *
     * @param name       the variable
     * @param javaSource the statement that assigns the new value
     * @param given      the hyperparameter's text as given
     */
    record Assignment(String name, String javaSource, String given) {
    }

    ParameterInjection {
        assignments = List.copyOf(assignments);
        unknownNames = List.copyOf(unknownNames);
    }

    /**
     * Plans the assignments.
     *
     * @param variableTypes the parameters cell's variables and their declared Java types
     * @throws IllegalArgumentException when a value does not convert to its variable's type, or the variable's
     *                                  type is not one a hyperparameter can have
     */
    static ParameterInjection plan(Hyperparameters hyperparameters, Map<String, String> variableTypes) {
        List<Assignment> assignments = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        hyperparameters.values().forEach((name, text) -> {
            String typeName = variableTypes.get(name);
            if (typeName == null) {
                unknown.add(name);
                return;
            }
            HyperparameterType type = HyperparameterType.forJavaType(typeName).orElseThrow(() ->
                    new IllegalArgumentException("hyperparameter \"" + name + "\" cannot set variable " + name
                            + " of type " + typeName + "; supported types are int, long, short, float, double,"
                            + " boolean and String"));
            Object value = type.parse(name, text);
            assignments.add(new Assignment(name, name + " = " + javaLiteral(type, value) + ";", text));
        });
        return new ParameterInjection(assignments, unknown);
    }

    /** The source of the notebook cell that papermill would have injected. */
    String cellSource() {
        StringBuilder source = new StringBuilder("// Parameters injected from the job's hyperparameters\n");
        assignments.forEach(assignment -> source.append(assignment.javaSource()).append('\n'));
        return source.toString();
    }

    static String javaLiteral(HyperparameterType type, Object value) {
        return switch (type) {
            case INT, BOOLEAN -> value.toString();
            case LONG -> value + "L";
            case SHORT -> "(short) " + value;
            case FLOAT -> floatingLiteral((Float) value, "Float", "f");
            case DOUBLE -> floatingLiteral((Double) value, "Double", "d");
            case STRING -> stringLiteral((String) value);
        };
    }

    private static String floatingLiteral(double value, String boxName, String suffix) {
        if (Double.isNaN(value)) {
            return boxName + ".NaN";
        }
        if (Double.isInfinite(value)) {
            return boxName + (value > 0 ? ".POSITIVE_INFINITY" : ".NEGATIVE_INFINITY");
        }
        return (suffix.equals("f") ? Float.toString((float) value) : Double.toString(value)) + suffix;
    }

    // Line breaks are escaped because a string literal cannot span lines; other control characters are
    // written as octal escapes, since javac decodes backslash-u escapes before lexing and an escaped line feed would end the line.
    private static String stringLiteral(String value) {
        StringBuilder literal = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        literal.append(String.format("\\%03o", (int) c));
                    } else {
                        literal.append(c);
                    }
                }
            }
        }
        return literal.append('"').toString();
    }
}
