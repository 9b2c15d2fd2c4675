package dev.fahr.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * JSON text as Jupyter writes it ({@code json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False)}
 * plus a final newline), so that a notebook saved by fahr diffs cleanly against one saved by Jupyter.
 */
final class JupyterJsonFormat {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final DefaultPrettyPrinter PRINTER = jupyterPrettyPrinter();

    private JupyterJsonFormat() {
    }

    static String write(JsonNode tree) {
        try {
            return MAPPER.writer(PRINTER).writeValueAsString(sortedCopy(tree)) + "\n";
        } catch (JsonProcessingException e) {
            // Writing a tree of plain nodes to a string cannot fail for input reasons.
            throw new UncheckedIOException(e);
        }
    }

    private static DefaultPrettyPrinter jupyterPrettyPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter oneSpace = new DefaultIndenter(" ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
        printer.indentObjectsWith(oneSpace);
        printer.indentArraysWith(oneSpace);
        return printer;
    }

    private static JsonNode sortedCopy(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            names.forEach(name -> sorted.set(name, sortedCopy(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> array.add(sortedCopy(item)));
            return array;
        }
        return node;
    }
}
