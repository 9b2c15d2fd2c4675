package dev.fahr.json;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a tree of maps, lists, strings, numbers, booleans and nulls as indented JSON, the way
 * Jupyter writes notebooks (one space per level, keys sorted), so that an executed notebook diffs cleanly
 * against one saved by Jupyter. Hand-written because the runner must depend on nothing but the JDK.
 */
public final class JsonWriter {

    private static final String INDENT = " ";

    private final StringBuilder out = new StringBuilder();

    private JsonWriter() {
    }

    /** Returns {@code value} as indented JSON followed by a newline. */
    public static String write(Object value) {
        JsonWriter writer = new JsonWriter();
        writer.writeValue(value, 0);
        writer.out.append('\n');
        return writer.out.toString();
    }

    /** Returns {@code text} as a quoted JSON string. */
    public static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2);
        appendQuoted(quoted, text);
        return quoted.toString();
    }

    private void writeValue(Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            appendQuoted(out, text);
        } else if (value instanceof Boolean flag) {
            out.append(flag);
        } else if (value instanceof Number number) {
            appendNumber(number);
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map, depth);
        } else if (value instanceof List<?> list) {
            writeArray(list, depth);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private void appendNumber(Number number) {
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no representation for " + d);
            }
        }
        out.append(number);
    }

    private void writeObject(Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        Map<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("JSON object keys must be strings, not " + entry.getKey());
            }
            sorted.put(key, entry.getValue());
        }
        out.append('{');
        Iterator<Map.Entry<String, Object>> entries = sorted.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Object> entry = entries.next();
            String key = entry.getKey();
            newLine(depth + 1);
            appendQuoted(out, key);
            out.append(": ");
            writeValue(entry.getValue(), depth + 1);
            if (entries.hasNext()) {
                out.append(',');
            }
        }
        newLine(depth);
        out.append('}');
    }

    private void writeArray(List<?> list, int depth) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            newLine(depth + 1);
            writeValue(list.get(i), depth + 1);
            if (i < list.size() - 1) {
                out.append(',');
            }
        }
        newLine(depth);
        out.append(']');
    }

    private void newLine(int depth) {
        out.append('\n').append(INDENT.repeat(depth));
    }

    private static void appendQuoted(StringBuilder target, String text) {
        target.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> target.append("\\\"");
                case '\\' -> target.append("\\\\");
                case '\n' -> target.append("\\n");
                case '\r' -> target.append("\\r");
                case '\t' -> target.append("\\t");
                case '\b' -> target.append("\\b");
                case '\f' -> target.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7F || isUnpairedSurrogate(text, i)) {
                        // A lone surrogate cannot be encoded as UTF-8 (it would become '?'), and raw control
                        // characters are invalid in JSON strings: both survive intact as backslash-u escapes.
                        target.append(String.format("\\u%04x", (int) c));
                    } else {
                        target.append(c);
                    }
                }
            }
        }
        target.append('"');
    }

    private static boolean isUnpairedSurrogate(String text, int index) {
        char c = text.charAt(index);
        if (Character.isHighSurrogate(c)) {
            return index + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(index + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return index == 0 || !Character.isHighSurrogate(text.charAt(index - 1));
        }
        return false;
    }
}
