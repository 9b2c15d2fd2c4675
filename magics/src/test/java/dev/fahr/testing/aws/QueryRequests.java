package dev.fahr.testing.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * AWS's query protocol ({@code Action=...&Version=...&A.member.1.B=...}, as the SDK sends CloudWatch and STS
 * calls) read into the JSON tree of the operation's input shape, so that {@link RequestValidator} checks it
 * as it checks JSON 1.1 requests.
 */
final class QueryRequests {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private QueryRequests() {
    }

    static Map<String, String> parseForm(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    /** The parameters of {@code operation} as the JSON of its input shape. */
    static ObjectNode decode(ServiceModel model, String operation, Map<String, String> params) {
        String input = model.inputShape(operation);
        JsonNode decoded = input == null ? null : value(model, input, "", params);
        return decoded instanceof ObjectNode object ? object : NODES.objectNode();
    }

    private static JsonNode value(ServiceModel model, String shapeName, String key, Map<String, String> params) {
        JsonNode shape = model.shape(shapeName);
        switch (shape.path("type").asText()) {
            case "structure": {
                ObjectNode object = NODES.objectNode();
                shape.path("members").fields().forEachRemaining(member -> {
                    String child = key.isEmpty() ? member.getKey() : key + "." + member.getKey();
                    if (present(child, params)) {
                        object.set(member.getKey(), value(model, member.getValue().path("shape").asText(), child, params));
                    }
                });
                return object;
            }
            case "list": {
                ArrayNode list = NODES.arrayNode();
                String memberShape = shape.path("member").path("shape").asText();
                for (int i = 1; present(key + ".member." + i, params); i++) {
                    list.add(value(model, memberShape, key + ".member." + i, params));
                }
                return list;
            }
            case "integer", "long": {
                String text = params.get(key);
                try {
                    return NODES.numberNode(Long.parseLong(text));
                } catch (NumberFormatException e) {
                    return NODES.textNode(text);
                }
            }
            case "double", "float": {
                String text = params.get(key);
                try {
                    return NODES.numberNode(Double.parseDouble(text));
                } catch (NumberFormatException e) {
                    return NODES.textNode(text);
                }
            }
            case "boolean": {
                String text = params.get(key);
                return "true".equals(text) || "false".equals(text) ? NODES.booleanNode(Boolean.parseBoolean(text))
                        : NODES.textNode(text);
            }
            default:
                return NODES.textNode(params.get(key));
        }
    }

    private static boolean present(String key, Map<String, String> params) {
        if (params.containsKey(key)) {
            return true;
        }
        String prefix = key + ".";
        return params.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }
}
