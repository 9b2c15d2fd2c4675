package dev.fahr.json;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReaderTest {

    @Test
    void readsStringsNumbersAndBooleansAsText() {
        Map<String, String> values = JsonReader.parseFlatObject(
                " {\"epochs\": \"3\", \"lr\": -1.5e-3, \"zero\": 0, \"shuffle\": true, \"off\": false}\n");
        assertEquals(Map.of("epochs", "3", "lr", "-1.5e-3", "zero", "0", "shuffle", "true", "off", "false"), values);
        assertEquals(List.of("epochs", "lr", "zero", "shuffle", "off"), List.copyOf(values.keySet()));
    }

    @Test
    void decodesEscapesIncludingSurrogatePairs() {
        Map<String, String> values = JsonReader.parseFlatObject(
                "{\"s\": \"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\"}");
        assertEquals("a\"b\\c/d\n\té\uD83D\uDE00", values.get("s"));
    }

    @Test
    void acceptsAnEmptyObject() {
        assertTrue(JsonReader.parseFlatObject("{ }").isEmpty());
    }

    @Test
    void rejectsNestedValuesNullAndArraysNamingTheKey() {
        for (String json : List.of("{\"a\": {\"b\": \"1\"}}", "{\"a\": [1]}", "{\"a\": null}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parseFlatObject(json));
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
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parseFlatObject(json),
                    () -> "accepted " + json);
            assertTrue(e.getMessage().startsWith("invalid JSON at line 1, column "), e.getMessage());
        }
    }

    @Test
    void reportsLineAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonReader.parseFlatObject("{\n  \"a\": \"1\",\n  \"b\": [\n}"));
        assertTrue(e.getMessage().startsWith("invalid JSON at line 4, column 1: unexpected '}' in an array"),
                e.getMessage());
    }

    @Test
    void readsAWholeNotebookShapedDocumentAndWritesItBackAsItWas() {
        String json = "{\n \"cells\": [\n  {\n   \"a\": null,\n   \"big\": 123456789012345678901234567890,\n"
                + "   \"count\": 3,\n   \"flag\": false,\n   \"ratio\": 0.25,\n   \"tags\": [\n    \"x\"\n   ]\n"
                + "  }\n ],\n \"empty\": {},\n \"none\": []\n}\n";
        Object document = JsonReader.parse(json);
        java.util.Map<?, ?> cell = (java.util.Map<?, ?>) ((List<?>) ((java.util.Map<?, ?>) document).get("cells")).get(0);
        assertEquals(3L, cell.get("count"));
        assertEquals(new java.math.BigDecimal("0.25"), cell.get("ratio"));
        assertTrue(cell.containsKey("a") && cell.get("a") == null);
        assertEquals(List.of("x"), cell.get("tags"));
        assertEquals(json, JsonWriter.write(document), "what was read is written back byte for byte");
    }

    @Test
    void anObjectIsRequiredWhereOneIsExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonReader.parseObject("[1, 2]", "train.input.ipynb"));
        assertEquals("train.input.ipynb is not a JSON object", e.getMessage());
    }
}
