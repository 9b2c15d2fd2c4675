package dev.fahr.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a JSON object whose values are all strings, numbers or booleans, such as SageMaker's
 * {@code hyperparameters.json}. Hand-written because the runner must depend on nothing but the JDK;
 * it is deliberately limited to that flat shape and rejects anything else with a message that says
 * where and why, so that a malformed file fails a job clearly instead of being half-read.
 *
 * <p>Numbers and booleans are returned as their JSON text ({@code 3}, {@code 1e-3}, {@code true}),
 * because SageMaker sends every value as a string and the caller converts to the type it needs.
 */
public final class FlatJsonObject {

    private final String text;
    private int position;

    private FlatJsonObject(String text) {
        this.text = text;
    }

    /** Parses {@code json} into its keys and values, in file order. */
    public static Map<String, String> parse(String json) {
        return new FlatJsonObject(json).readDocument();
    }

    private Map<String, String> readDocument() {
        skipWhitespace();
        expect('{', "a JSON object");
        Map<String, String> values = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            position++;
        } else {
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("expected a string key");
                }
                String key = readString();
                skipWhitespace();
                expect(':', "':' after key \"" + key + "\"");
                skipWhitespace();
                String value = readValue(key);
                if (values.putIfAbsent(key, value) != null) {
                    throw error("duplicate key \"" + key + "\"");
                }
                skipWhitespace();
                char next = peek();
                position++;
                if (next == '}') {
                    break;
                }
                if (next != ',') {
                    position--;
                    throw error("expected ',' or '}' after the value of \"" + key + "\"");
                }
            }
        }
        skipWhitespace();
        if (position < text.length()) {
            throw error("unexpected text after the object");
        }
        return Collections.unmodifiableMap(values);
    }

    private String readValue(String key) {
        char first = peek();
        if (first == '"') {
            return readString();
        }
        if (first == '-' || (first >= '0' && first <= '9')) {
            return readNumber();
        }
        if (text.startsWith("true", position) || text.startsWith("false", position)) {
            String literal = text.startsWith("true", position) ? "true" : "false";
            position += literal.length();
            return literal;
        }
        String kind = switch (first) {
            case '{' -> "a nested object";
            case '[' -> "an array";
            case 'n' -> "null";
            case END -> "nothing";
            default -> "'" + first + "'";
        };
        throw error("the value of \"" + key + "\" is " + kind
                + "; only strings, numbers and booleans are supported");
    }

    private String readString() {
        position++; // the opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = peek();
            if (c == END && position >= text.length()) {
                throw error("unterminated string");
            }
            position++;
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                position--;
                throw error("control character U+" + String.format("%04X", (int) c)
                        + " must be escaped inside a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escape = peek();
            position++;
            switch (escape) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                // Surrogate pairs arrive as two backslash-u escapes; appending both code units rebuilds the pair.
                case 'u' -> out.append(readHexCodeUnit());
                default -> {
                    position--;
                    throw error("invalid escape '\\" + escape + "'");
                }
            }
        }
    }

    private char readHexCodeUnit() {
        if (position + 4 > text.length()) {
            throw error("incomplete \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(position + i), 16);
            if (digit < 0) {
                throw error("invalid \\u escape");
            }
            value = value * 16 + digit;
        }
        position += 4;
        return (char) value;
    }

    private String readNumber() {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        if (peek() == '0') {
            position++;
        } else if (!skipDigits()) {
            throw error("invalid number");
        }
        if (peek() == '.') {
            position++;
            if (!skipDigits()) {
                throw error("invalid number: digits expected after '.'");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            if (!skipDigits()) {
                throw error("invalid number: digits expected in the exponent");
            }
        }
        return text.substring(start, position);
    }

    private boolean skipDigits() {
        int start = position;
        while (peek() >= '0' && peek() <= '9') {
            position++;
        }
        return position > start;
    }

    private void skipWhitespace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    private void expect(char wanted, String what) {
        if (peek() != wanted) {
            throw error("expected " + what);
        }
        position++;
    }

    /** A character that cannot start any JSON token, returned at the end of the text. */
    private static final char END = '\u0000';

    private char peek() {
        return position < text.length() ? text.charAt(position) : END;
    }

    private IllegalArgumentException error(String problem) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(position, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new IllegalArgumentException(
                "invalid JSON at line " + line + ", column " + column + ": " + problem);
    }
}
