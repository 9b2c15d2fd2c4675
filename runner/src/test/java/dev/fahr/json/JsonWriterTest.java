package dev.fahr.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonWriterTest {

    private final ObjectMapper jackson = new ObjectMapper();

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f\"",
                JsonWriter.quote("a\"b\\c\n\r\t\b\f\u0001\u001f\u007f"));
    }

    @Test
    void keepsUnicodeAndEscapesOnlyLoneSurrogates() {
        assertEquals("\"é😀\\ud800x\\udc00\"", JsonWriter.quote("é\uD83D\uDE00\uD800x\uDC00"));
    }

    @Test
    void writesWhatARealParserReadsBack() throws Exception {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("text", "line 1\nline \"2\"\t\u0000 é 😀 \u2028");
        tree.put("numbers", List.of(1, -2L, 3.5, 0.0));
        tree.put("flags", Arrays.asList(true, false, null));
        tree.put("empty", Map.of());
        tree.put("nested", Map.of("list", List.of()));
        String json = JsonWriter.write(tree);
        assertEquals(jackson.readTree(jackson.writeValueAsString(tree)), jackson.readTree(json));
    }

    @Test
    void indentsOneSpacePerLevelLikeJupyter() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("a", List.of(1, 2));
        tree.put("b", "x");
        assertEquals("{\n \"a\": [\n  1,\n  2\n ],\n \"b\": \"x\"\n}\n", JsonWriter.write(tree));
    }

    @Test
    void refusesWhatJsonCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(new Object()));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Map.of(1, "x")));
    }

    @Test
    void roundTripsThroughTheFlatReader() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("k\"ey", "v\\al\nue\u0007😀");
        assertEquals(Map.of("k\"ey", "v\\al\nue\u0007😀"), JsonReader.parseFlatObject(JsonWriter.write(tree)));
    }
}
