package dev.fahr.notebook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.fahr.runtime.HyperparameterType;

/**
 * Reads the typed defaults of a {@code parameters} cell (papermill's convention). Only simple
 * declarations with literal values are accepted, because the runner must know each parameter's type
 * to check and apply an override such as {@code epochs=20}.
 */
public final class ParametersCell {

    private static final String STRING = "\"(?:[^\"\\\\\\n]|\\\\.)*\"";
    private static final String NUMBER = "[+-]?(?:\\d[\\d_]*(?:\\.(?:\\d[\\d_]*)?)?|\\.\\d[\\d_]*)(?:[eE][+-]?\\d+)?";
    private static final Pattern JAVA_DECLARATION = Pattern.compile(
            "(?:final\\s+)?([A-Za-z.]+)\\s+([A-Za-z_$][\\w$]*)\\s*=\\s*("
                    + STRING + "|true|false|" + NUMBER + "[lLdDfF]?)\\s*;\\s*(?://.*)?");
    private static final Pattern PYTHON_ASSIGNMENT = Pattern.compile(
            "([A-Za-z_]\\w*)\\s*(?::\\s*(?:int|float|bool|str)\\s*)?=\\s*("
                    + STRING + "|'(?:[^'\\\\\\n]|\\\\.)*'|True|False|" + NUMBER + ")\\s*(?:#.*)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d[\\d_]*");
    private static final String JAVA_TYPES = "int, long, short, float, double, boolean, String (or their boxes)";

    private ParametersCell() {
    }

    /**
     * Parses declarations such as {@code int epochs = 10;} or {@code var lr = 0.1;}; blank lines and
     * comments are skipped. {@code where} names the cell in error messages.
     */
    public static List<Parameter> parseJava(String source, String where) {
        List<Parameter> parameters = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<String> lines = source.lines().toList();
        boolean inBlockComment = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (inBlockComment || line.startsWith("/*")) {
                inBlockComment = !line.contains("*/");
                continue;
            }
            if (line.isEmpty() || line.startsWith("//")) {
                continue;
            }
            Matcher match = JAVA_DECLARATION.matcher(line);
            Optional<HyperparameterType> declared = match.matches() && !match.group(1).equals("var")
                    ? HyperparameterType.forJavaType(match.group(1)) : Optional.empty();
            if (!match.matches() || (!match.group(1).equals("var") && declared.isEmpty())) {
                throw unsupported(where, i + 1, line, "TYPE name = literal; with TYPE one of " + JAVA_TYPES
                        + ", or var with a literal (e.g. int epochs = 10; var lr = 0.1;)");
            }
            String literal = match.group(3);
            HyperparameterType type = declared.orElseGet(() -> inferJava(literal));
            checkJavaLiteral(type, literal, where, i + 1, line);
            addUnique(parameters, names, new Parameter(match.group(2), type, literal), where, i + 1);
        }
        return List.copyOf(parameters);
    }

    /** Parses assignments such as {@code epochs = 10} or {@code lr = 0.1}, of int, float, bool and str. */
    public static List<Parameter> parsePython(String source, String where) {
        List<Parameter> parameters = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<String> lines = source.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher match = PYTHON_ASSIGNMENT.matcher(line);
            if (!match.matches()) {
                throw unsupported(where, i + 1, line, "name = literal with an int, float, bool or str literal"
                        + " (e.g. epochs = 10, lr = 0.1, augment = True, optimizer = \"adam\")");
            }
            addUnique(parameters, names, new Parameter(match.group(1), inferPython(match.group(2)), match.group(2)),
                    where, i + 1);
        }
        return List.copyOf(parameters);
    }

    private static HyperparameterType inferJava(String literal) {
        if (literal.startsWith("\"")) {
            return HyperparameterType.STRING;
        }
        if (literal.equals("true") || literal.equals("false")) {
            return HyperparameterType.BOOLEAN;
        }
        if (literal.endsWith("L") || literal.endsWith("l")) {
            return HyperparameterType.LONG;
        }
        if (literal.endsWith("f") || literal.endsWith("F")) {
            return HyperparameterType.FLOAT;
        }
        return INTEGER.matcher(literal).matches() ? HyperparameterType.INT : HyperparameterType.DOUBLE;
    }

    private static HyperparameterType inferPython(String literal) {
        if (literal.startsWith("\"") || literal.startsWith("'")) {
            return HyperparameterType.STRING;
        }
        if (literal.equals("True") || literal.equals("False")) {
            return HyperparameterType.BOOLEAN;
        }
        return INTEGER.matcher(literal).matches() ? HyperparameterType.INT : HyperparameterType.DOUBLE;
    }

    private static void checkJavaLiteral(HyperparameterType type, String literal, String where, int lineNumber, String line) {
        boolean fits = switch (type) {
            case STRING -> literal.startsWith("\"");
            case BOOLEAN -> literal.equals("true") || literal.equals("false");
            case INT -> INTEGER.matcher(literal).matches() && fits(literal, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case SHORT -> INTEGER.matcher(literal).matches() && fits(literal, Short.MIN_VALUE, Short.MAX_VALUE);
            case LONG -> INTEGER.matcher(literal.replaceFirst("[lL]$", "")).matches();
            case FLOAT, DOUBLE -> !literal.startsWith("\"") && !literal.equals("true") && !literal.equals("false")
                    && !literal.endsWith("L") && !literal.endsWith("l");
        };
        if (!fits) {
            throw new NotebookException(where + ", line " + lineNumber + ": `" + line + "` gives " + type.javaName()
                    + " parameter a value of another type. Make the literal match the declared type.");
        }
    }

    private static boolean fits(String literal, long min, long max) {
        try {
            long value = Long.parseLong(literal.replace("_", "").replaceFirst("^\\+", ""));
            return value >= min && value <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void addUnique(List<Parameter> parameters, Set<String> names, Parameter parameter, String where,
            int lineNumber) {
        if (!names.add(parameter.name())) {
            throw new NotebookException(where + ", line " + lineNumber + ": parameter '" + parameter.name()
                    + "' is declared twice. Keep one declaration.");
        }
        parameters.add(parameter);
    }

    private static NotebookException unsupported(String where, int lineNumber, String line, String expected) {
        return new NotebookException(where + ", line " + lineNumber + ": `" + line + "` is not a parameter fahr can"
                + " override. Write one per line as " + expected + ", or move other code to another cell.");
    }
}
