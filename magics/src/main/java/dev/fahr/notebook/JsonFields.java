package dev.fahr.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable JSON object kept exactly as read, for the parts of a notebook fahr does not interpret
 * (metadata, outputs, attachments, fields of future nbformat versions). It offers just the few typed
 * look-ups fahr needs; the JSON library behind it stays an implementation detail of this package.
 */
public final class JsonFields {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFields EMPTY = new JsonFields(JsonNodeFactory.instance.objectNode());

    // Never handed out or changed after construction: callers inside the package get copies.
    private final ObjectNode node;

    private JsonFields(ObjectNode node) {
        this.node = node;
    }

    public static JsonFields empty() {
        return EMPTY;
    }

    /** Parses a JSON object, e.g. {@code {"tags": ["parameters"]}}. */
    public static JsonFields parse(String jsonObject) {
        try {
            JsonNode parsed = MAPPER.readTree(jsonObject);
            if (parsed == null || !parsed.isObject()) {
                throw new NotebookException("Expected a JSON object such as {\"key\": \"value\"} but got: " + jsonObject);
            }
            return new JsonFields((ObjectNode) parsed);
        } catch (JsonProcessingException e) {
            throw new NotebookException("Not valid JSON: " + e.getOriginalMessage() + "; fix the text: " + jsonObject, e);
        }
    }

    static JsonFields copyOf(ObjectNode node) {
        return node.isEmpty() ? EMPTY : new JsonFields(node.deepCopy());
    }

    ObjectNode toObjectNode() {
        return node.deepCopy();
    }

    public boolean isEmpty() {
        return node.isEmpty();
    }

    public boolean has(String name) {
        return node.has(name);
    }

    /** Field names in sorted order. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return Set.copyOf(names);
    }

    /** The text at a path of object fields, e.g. {@code text("kernelspec", "language")}, if it is a string. */
    public Optional<String> text(String... path) {
        JsonNode value = at(path);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** The strings of a list at a path, e.g. {@code texts("tags")}; non-string items are ignored. */
    public List<String> texts(String... path) {
        JsonNode value = at(path);
        List<String> result = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(item -> {
                if (item.isTextual()) {
                    result.add(item.asText());
                }
            });
        }
        return List.copyOf(result);
    }

    /** A copy with one field set to a JSON value given as text, e.g. {@code with("tags", "[\"parameters\"]")}. */
    public JsonFields with(String name, String jsonValue) {
        try {
            ObjectNode copy = node.deepCopy();
            copy.set(name, MAPPER.readTree(jsonValue));
            return new JsonFields(copy);
        } catch (JsonProcessingException e) {
            throw new NotebookException("Not valid JSON for field '" + name + "': " + e.getOriginalMessage(), e);
        }
    }

    public JsonFields without(String name) {
        ObjectNode copy = node.deepCopy();
        copy.remove(name);
        return new JsonFields(copy);
    }

    /** Compact JSON text of the whole object. */
    public String toJson() {
        return node.toString();
    }

    private JsonNode at(String... path) {
        JsonNode current = node;
        for (String name : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(name);
        }
        return current;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonFields that && node.equals(that.node);
    }

    @Override
    public int hashCode() {
        return Objects.hash(node);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
