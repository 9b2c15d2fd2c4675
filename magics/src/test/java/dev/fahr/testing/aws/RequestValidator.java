package dev.fahr.testing.aws;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a request body against its shape in the service model, recursively, the way AWS's front end
 * does: required members, string patterns and lengths, enums, numeric ranges, list and map sizes. The
 * messages follow AWS's own wording ("Value '0' at 'resourceConfig.instanceCount' failed to satisfy
 * constraint: ..."), so a test sees what a user of the real service would see.
 */
public final class RequestValidator {

    private final ServiceModel model;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    public RequestValidator(ServiceModel model) {
        this.model = model;
    }

    /** Every violation in {@code body} for {@code operation}; empty when the request is valid. */
    public List<String> validate(String operation, JsonNode body) {
        List<String> errors = new ArrayList<>();
        String input = model.inputShape(operation);
        if (input != null) {
            check(input, body, "", errors);
        }
        return errors;
    }

    /** AWS's summary line: {@code 2 validation errors detected: ...; ...}. */
    public static String message(List<String> errors) {
        return errors.size() + " validation error" + (errors.size() == 1 ? "" : "s") + " detected: "
                + String.join("; ", errors);
    }

    private void check(String shapeName, JsonNode value, String path, List<String> errors) {
        JsonNode shape = model.shape(shapeName);
        String type = shape.path("type").asText();
        switch (type) {
            case "structure" -> structure(shape, value, path, errors);
            case "list" -> list(shape, value, path, errors);
            case "map" -> map(shape, value, path, errors);
            case "string" -> string(shape, value, path, errors);
            case "integer", "long" -> number(shape, value, path, errors, true);
            case "double", "float" -> number(shape, value, path, errors, false);
            case "boolean" -> {
                if (!value.isBoolean()) {
                    errors.add(at(value, path) + "Member must be a boolean");
                }
            }
            case "timestamp" -> {
                if (!value.isNumber() && !value.isTextual()) {
                    errors.add(at(value, path) + "Member must be a timestamp");
                }
            }
            default -> {
                // blob and others: nothing the driver sends
            }
        }
    }

    private void structure(JsonNode shape, JsonNode value, String path, List<String> errors) {
        if (!value.isObject()) {
            errors.add(at(value, path) + "Member must be a structure");
            return;
        }
        for (JsonNode required : shape.path("required")) {
            JsonNode member = value.get(required.asText());
            if (member == null || member.isNull()) {
                errors.add("Value null at '" + join(path, required.asText())
                        + "' failed to satisfy constraint: Member must not be null");
            }
        }
        JsonNode members = shape.path("members");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode member = members.get(field.getKey());
            // Members newer than Debian's model are accepted unchecked: the SDK may know more than it.
            if (member != null && !field.getValue().isNull()) {
                check(member.path("shape").asText(), field.getValue(), join(path, field.getKey()), errors);
            }
        }
    }

    private void list(JsonNode shape, JsonNode value, String path, List<String> errors) {
        if (!value.isArray()) {
            errors.add(at(value, path) + "Member must be a list");
            return;
        }
        size(shape, value.size(), value, path, errors);
        int i = 0;
        for (JsonNode element : value) {
            check(shape.path("member").path("shape").asText(), element, path + "." + (++i) + ".member", errors);
        }
    }

    private void map(JsonNode shape, JsonNode value, String path, List<String> errors) {
        if (!value.isObject()) {
            errors.add(at(value, path) + "Member must be a map");
            return;
        }
        size(shape, value.size(), value, path, errors);
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            check(shape.path("key").path("shape").asText(), com.fasterxml.jackson.databind.node.TextNode
                    .valueOf(entry.getKey()), path + ".key", errors);
            check(shape.path("value").path("shape").asText(), entry.getValue(), path + "." + entry.getKey(), errors);
        }
    }

    private void size(JsonNode shape, int size, JsonNode value, String path, List<String> errors) {
        if (shape.has("min") && size < shape.get("min").asLong()) {
            errors.add(at(value, path) + "Member must have length greater than or equal to " + shape.get("min").asLong());
        }
        if (shape.has("max") && size > shape.get("max").asLong()) {
            errors.add(at(value, path) + "Member must have length less than or equal to " + shape.get("max").asLong());
        }
    }

    private void string(JsonNode shape, JsonNode value, String path, List<String> errors) {
        if (!value.isTextual()) {
            errors.add(at(value, path) + "Member must be a string");
            return;
        }
        String text = value.asText();
        size(shape, text.codePointCount(0, text.length()), value, path, errors);
        if (shape.has("enum")) {
            List<String> allowed = new ArrayList<>();
            shape.get("enum").forEach(e -> allowed.add(e.asText()));
            if (!allowed.contains(text)) {
                errors.add(at(value, path) + "Member must satisfy enum value set: " + allowed);
            }
        }
        if (shape.has("pattern")) {
            Pattern pattern = compile(shape.get("pattern").asText());
            if (pattern != null && !pattern.matcher(text).matches()) {
                errors.add(at(value, path) + "Member must satisfy regular expression pattern: "
                        + shape.get("pattern").asText());
            }
        }
    }

    private void number(JsonNode shape, JsonNode value, String path, List<String> errors, boolean whole) {
        if (!value.isNumber() || (whole && !value.canConvertToLong())) {
            errors.add(at(value, path) + "Member must be " + (whole ? "an integer" : "a number"));
            return;
        }
        double number = value.asDouble();
        if (shape.has("min") && number < shape.get("min").asDouble()) {
            errors.add(at(value, path) + "Member must have value greater than or equal to " + shape.get("min").asText());
        }
        if (shape.has("max") && number > shape.get("max").asDouble()) {
            errors.add(at(value, path) + "Member must have value less than or equal to " + shape.get("max").asText());
        }
    }

    /** botocore's patterns are Java-compatible; one that is not would be skipped rather than break tests. */
    private Pattern compile(String regex) {
        return patterns.computeIfAbsent(regex, r -> {
            try {
                return Pattern.compile(r, Pattern.DOTALL);
            } catch (PatternSyntaxException e) {
                return null;
            }
        });
    }

    private static String at(JsonNode value, String path) {
        String shown = value.isValueNode() ? value.asText() : value.toString();
        return "Value '" + shown + "' at '" + path + "' failed to satisfy constraint: ";
    }

    /** AWS names members in lower camel case in these messages: resourceConfig.instanceCount. */
    private static String join(String path, String member) {
        String camel = member.isEmpty() ? member : Character.toLowerCase(member.charAt(0)) + member.substring(1);
        return path.isEmpty() ? camel : path + "." + camel;
    }
}
