package dev.fahr.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON, such as SageMaker's {@code hyperparameters.json} and the notebook a job runs. Hand-written
 * because the runner must depend on nothing but the JDK; strict, so that a malformed file fails clearly,
 * with the line and column, instead of being half-read.
 *
 * <p>Objects become {@code LinkedHashMap}s in file order, arrays {@code List}s, numbers {@code Long}s when
 * they are integers that fit and {@code BigDecimal}s otherwise, so that {@link JsonWriter} writes back what
 * was read.
 */
public final class JsonReader {

    private final String text;
    private int position;

    private JsonReader(String text) {
        this.text = text;
    }

    /** Parses a whole JSON document. */
    public static Object parse(String json) {
        JsonReader reader = new JsonReader(json);
        reader.skipWhitespace();
        Object value = reader.readValue("the document");
        reader.skipWhitespace();
        if (reader.position < json.length()) {
            throw reader.error("unexpected text after the document");
        }
        return value;
    }

    /** Parses a JSON object; {@code what} names it in the message when the document is something else. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String json, String what) {
        Object value = parse(json);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(what + " is not a JSON object");
        }
        return (Map<String, Object>) value;
    }

    /**
     * Parses a JSON object whose values are all strings, numbers or booleans; numbers and booleans are
     * returned as their JSON text ({@code 3}, {@code 1e-3}, {@code true}), because SageMaker sends every
     * hyperparameter as a string and the caller converts to the type it needs.
     */
    public static Map<String, String> parseFlatObject(String json) {
        JsonReader reader = new JsonReader(json);
        reader.skipWhitespace();
        if (reader.peek() != '{') {
            throw reader.error("expected a JSON object");
        }
        Map<String, String> values = new LinkedHashMap<>();
        reader.readMembers((key, value) -> {
            if (value instanceof Map || value instanceof List || value == null) {
                String kind = value instanceof Map ? "a nested object" : value instanceof List ? "an array" : "null";
                throw reader.error("the value of \"" + key + "\" is " + kind
                        + "; only strings, numbers and booleans are supported");
            }
            values.put(key, value instanceof String string ? string : reader.lastNumberOrLiteral);
        });
        reader.skipWhitespace();
        if (reader.position < json.length()) {
            throw reader.error("unexpected text after the object");
        }
        return Collections.unmodifiableMap(values);
    }

    private interface MemberSink {
        void accept(String key, Object value);
    }

    /** The JSON text of the last number, {@code true} or {@code false} read. */
    private String lastNumberOrLiteral;

    private Object readValue(String where) {
        char first = peek();
        switch (first) {
            case '{':
                Map<String, Object> object = new LinkedHashMap<>();
                readMembers(object::put);
                return object;
            case '[':
                return readArray();
            case '"':
                return readString();
            default:
                break;
        }
        if (first == '-' || (first >= '0' && first <= '9')) {
            String number = readNumber();
            lastNumberOrLiteral = number;
            return toNumber(number);
        }
        for (String literal : List.of("true", "false", "null")) {
            if (text.startsWith(literal, position)) {
                position += literal.length();
                lastNumberOrLiteral = literal;
                return literal.equals("null") ? null : Boolean.valueOf(literal);
            }
        }
        throw error(first == END ? "a value is missing for " + where : "unexpected '" + first + "' in " + where);
    }

    private void readMembers(MemberSink sink) {
        position++; // the opening brace
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return;
        }
        java.util.Set<String> keys = new java.util.HashSet<>();
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a string key");
            }
            String key = readString();
            skipWhitespace();
            expect(':', "':' after key \"" + key + "\"");
            skipWhitespace();
            Object value = readValue("the value of \"" + key + "\"");
            if (!keys.add(key)) {
                throw error("duplicate key \"" + key + "\"");
            }
            sink.accept(key, value);
            skipWhitespace();
            char next = peek();
            position++;
            if (next == '}') {
                return;
            }
            if (next != ',') {
                position--;
                throw error("expected ',' or '}' after the value of \"" + key + "\"");
            }
        }
    }

    private List<Object> readArray() {
        position++; // the opening bracket
        List<Object> values = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            position++;
            return values;
        }
        while (true) {
            skipWhitespace();
            values.add(readValue("an array"));
            skipWhitespace();
            char next = peek();
            position++;
            if (next == ']') {
                return values;
            }
            if (next != ',') {
                position--;
                throw error("expected ',' or ']' in an array");
            }
        }
    }

    private static Number toNumber(String number) {
        if (number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0) {
            try {
                return Long.parseLong(number);
            } catch (NumberFormatException tooLong) {
                // falls through to BigDecimal
            }
        }
        return new BigDecimal(number);
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
