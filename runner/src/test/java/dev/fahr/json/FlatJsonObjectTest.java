package dev.fahr.json;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlatJsonObjectTest {

    @Test
    void readsStringsNumbersAndBooleansAsText() {
        Map<String, String> values = FlatJsonObject.parse(
                " {\"epochs\": \"3\", \"lr\": -1.5e-3, \"zero\": 0, \"shuffle\": true, \"off\": false}\n");
        assertEquals(Map.of("epochs", "3", "lr", "-1.5e-3", "zero", "0", "shuffle", "true", "off", "false"), values);
        assertEquals(List.of("epochs", "lr", "zero", "shuffle", "off"), List.copyOf(values.keySet()));
    }

    @Test
    void decodesEscapesIncludingSurrogatePairs() {
        Map<String, String> values = FlatJsonObject.parse(
                "{\"s\": \"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\"}");
        assertEquals("a\"b\\c/d\n\té\uD83D\uDE00", values.get("s"));
    }

    @Test
    void acceptsAnEmptyObject() {
        assertTrue(FlatJsonObject.parse("{ }").isEmpty());
    }

    @Test
    void rejectsNestedValuesNullAndArraysNamingTheKey() {
        for (String json : List.of("{\"a\": {\"b\": \"1\"}}", "{\"a\": [1]}", "{\"a\": null}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlatJsonObject.parse(json));
            assertTrue(e.getMessage().contains("\"a\""), e.getMessage());
            assertTrue(e.getMessage().contains("only strings, numbers and booleans"), e.getMessage());
        }
    }

    @Test
    void rejectsMalformedDocumentsWithThePosition() {
        List<String> bad = List.of("", "[]", "{\"a\": \"1\"", "{\"a\" \"1\"}", "{\"a\": \"1\",}", "{\"a\": 01}",
                "{\"a\": 1.}", "{\"a\": \"x\\q\"}", "{\"a\": \"tab\there\"}", "{\"a\": \"1\"} trailing",
                "{\"a\": \"1\", \"a\": \"2\"}", "{\"a\": tru}", "{\"a\": \"\\u12\"}", "{a: 1}");
        for (String json : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlatJsonObject.parse(json),
                    () -> "accepted " + json);
            assertTrue(e.getMessage().startsWith("invalid JSON at line 1, column "), e.getMessage());
        }
    }

    @Test
    void reportsLineAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FlatJsonObject.parse("{\n  \"a\": \"1\",\n  \"b\": [\n}"));
        assertTrue(e.getMessage().startsWith("invalid JSON at line 3, column 8"), e.getMessage());
    }
}
