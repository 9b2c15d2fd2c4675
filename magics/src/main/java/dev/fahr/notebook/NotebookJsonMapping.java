package dev.fahr.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Converts between the JSON tree of an .ipynb file and the {@link Notebook} model. Every field the
 * model does not name is carried in the model's unknown fields, so nothing is lost on the way back.
 */
final class NotebookJsonMapping {

    private static final Set<String> NOTEBOOK_FIELDS = Set.of("nbformat", "nbformat_minor", "metadata", "cells");
    private static final Set<String> CELL_FIELDS =
            Set.of("cell_type", "id", "source", "metadata", "outputs", "execution_count", "attachments");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private NotebookJsonMapping() {
    }

    /** @param origin the file name to put in error messages */
    static Notebook fromTree(JsonNode root, String origin) {
        if (!root.isObject() || !root.has("cells") && !root.has("worksheets")) {
            throw new NotebookException(origin + " is JSON but not a Jupyter notebook: it has no \"cells\" list."
                    + " Give the path of an .ipynb file saved by Jupyter.");
        }
        JsonNode version = root.get("nbformat");
        if (root.has("worksheets") || version != null && version.isInt() && version.asInt() < 4) {
            throw new NotebookException(origin + " is an nbformat " + (version == null ? "3" : version.asText())
                    + " notebook; fahr reads nbformat 4 only. Convert it with"
                    + " `jupyter nbconvert --to notebook --nbformat 4 " + origin + "` and try again.");
        }
        if (version == null || !version.isInt()) {
            throw new NotebookException(origin + " has no integer \"nbformat\" field, so it is not a valid notebook."
                    + " Open it in Jupyter and save it again to repair it.");
        }
        if (version.asInt() > 4) {
            throw new NotebookException(origin + " is an nbformat " + version.asInt() + " notebook, newer than the"
                    + " nbformat 4 fahr knows. Save it as nbformat 4 (`jupyter nbconvert --to notebook --nbformat 4 "
                    + origin + "`) or update fahr.");
        }
        JsonNode minor = root.get("nbformat_minor");
        if (minor == null || !minor.isInt() || minor.asInt() < 0) {
            throw new NotebookException(origin + " has no valid \"nbformat_minor\" field."
                    + " Open it in Jupyter and save it again to repair it.");
        }
        JsonNode cells = root.get("cells");
        if (!cells.isArray()) {
            throw new NotebookException(origin + ": \"cells\" must be a list but is " + cells.getNodeType()
                    + ". Open it in Jupyter and save it again, or restore it from version control.");
        }
        List<Cell> parsedCells = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            parsedCells.add(cellFromTree(cells.get(i), origin + ", cell " + (i + 1)));
        }
        return Notebook.builder()
                .nbformat(4)
                .nbformatMinor(minor.asInt())
                .metadata(objectField(root, "metadata", origin))
                .cells(parsedCells)
                .unknownFields(unknownFields((ObjectNode) root, NOTEBOOK_FIELDS))
                .build();
    }

    private static Cell cellFromTree(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new NotebookException(where + " is not a JSON object. Restore the notebook from version control"
                    + " or .ipynb_checkpoints/.");
        }
        String typeName = node.path("cell_type").asText("");
        CellType type = CellType.fromJsonName(typeName).orElseThrow(() -> new NotebookException(where
                + " has cell_type \"" + typeName + "\"; nbformat 4 knows code, markdown and raw."
                + " Change the cell type in Jupyter and save again."));
        Cell.Builder cell = Cell.builder(type)
                .source(sourceOf(node.get("source"), where))
                .metadata(objectField(node, "metadata", where))
                .unknownFields(unknownFields((ObjectNode) node, CELL_FIELDS));
        JsonNode id = node.get("id");
        if (id != null && id.isTextual()) {
            cell.id(id.asText());
        }
        if (type == CellType.CODE) {
            JsonNode count = node.get("execution_count");
            if (count != null && count.canConvertToInt()) {
                cell.executionCount(count.asInt());
            }
            List<JsonFields> outputs = new ArrayList<>();
            node.path("outputs").forEach(output -> {
                if (output.isObject()) {
                    outputs.add(JsonFields.copyOf((ObjectNode) output));
                }
            });
            cell.outputs(outputs);
        }
        if (node.has("attachments")) {
            cell.attachments(objectField(node, "attachments", where));
        }
        return cell.build();
    }

    private static String sourceOf(JsonNode source, String where) {
        if (source == null) {
            throw new NotebookException(where + " has no \"source\" field, which every cell needs."
                    + " Open the notebook in Jupyter and save it again, or add \"source\": [] to that cell.");
        }
        if (source.isTextual()) {
            return source.asText();
        }
        if (source.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode line : source) {
                if (!line.isTextual()) {
                    throw new NotebookException(where + ": \"source\" lists a " + line.getNodeType()
                            + " where lines must be strings. Fix the cell in a text editor.");
                }
                joined.append(line.asText());
            }
            return joined.toString();
        }
        throw new NotebookException(where + ": \"source\" must be a string or a list of lines, not "
                + source.getNodeType() + ". Fix the cell in a text editor.");
    }

    private static JsonFields objectField(JsonNode parent, String name, String where) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return JsonFields.empty();
        }
        if (!value.isObject()) {
            throw new NotebookException(where + ": \"" + name + "\" must be a JSON object, not "
                    + value.getNodeType() + ". Fix it in a text editor or restore the notebook.");
        }
        return JsonFields.copyOf((ObjectNode) value);
    }

    private static JsonFields unknownFields(ObjectNode node, Set<String> known) {
        ObjectNode unknown = NODES.objectNode();
        node.fields().forEachRemaining(field -> {
            if (!known.contains(field.getKey())) {
                unknown.set(field.getKey(), field.getValue());
            }
        });
        return JsonFields.copyOf(unknown);
    }

    static ObjectNode toTree(Notebook notebook) {
        ObjectNode root = notebook.unknownFields().toObjectNode();
        root.put("nbformat", notebook.nbformat());
        root.put("nbformat_minor", notebook.nbformatMinor());
        root.set("metadata", notebook.metadata().toObjectNode());
        ArrayNode cells = root.putArray("cells");
        notebook.cells().forEach(cell -> cells.add(cellToTree(cell)));
        return root;
    }

    private static ObjectNode cellToTree(Cell cell) {
        ObjectNode node = cell.unknownFields().toObjectNode();
        node.put("cell_type", cell.type().jsonName());
        cell.id().ifPresent(id -> node.put("id", id));
        node.set("metadata", cell.metadata().toObjectNode());
        ArrayNode source = node.putArray("source");
        SourceLines.split(cell.source()).forEach(source::add);
        if (cell.type() == CellType.CODE) {
            // nbformat requires both on code cells; a never-run cell has a null count.
            ArrayNode outputs = node.putArray("outputs");
            cell.outputs().forEach(output -> outputs.add(output.toObjectNode()));
            if (cell.executionCount().isPresent()) {
                node.put("execution_count", cell.executionCount().get());
            } else {
                node.putNull("execution_count");
            }
        }
        cell.attachments().ifPresent(attachments -> node.set("attachments", attachments.toObjectNode()));
        return node;
    }
}
