package dev.fahr.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.fahr.json.JsonReader;

/**
 * The notebook a job runs, as the export put it beside the script ({@code train.input.ipynb} beside
 * {@code train.jsh}, named by run.sh's {@code --notebook}): every cell, markdown included, with its outputs
 * cleared. The executed notebook is this notebook with the job's outputs filled in. The script's cell markers
 * number the notebook's cells, so script cell N is the notebook's cell N.
 *
 * @param path     where it was read from
 * @param document the parsed notebook
 */
record InputNotebook(Path path, Map<String, Object> document) {

    /**
     * Reads {@code file} if it fits the script's cells; otherwise says why on the console and returns empty,
     * and the executed notebook is made of the script's cells.
     */
    static Optional<InputNotebook> read(Path file, List<ScriptCell> cells, PrintStream console) {
        try {
            Map<String, Object> document = JsonReader.parseObject(Files.readString(file, StandardCharsets.UTF_8),
                    file.getFileName().toString());
            InputNotebook notebook = new InputNotebook(file, document);
            Optional<String> mismatch = notebook.mismatch(cells);
            if (mismatch.isPresent()) {
                console.println("[fahr] warning: " + file.getFileName() + " does not fit the script (" + mismatch.get()
                        + "); the executed notebook holds the script's cells only. Run %fahr_init again to export both.");
                return Optional.empty();
            }
            return Optional.of(notebook);
        } catch (IOException | IllegalArgumentException e) {
            console.println("[fahr] warning: cannot read " + file + " (" + e.getMessage()
                    + "); the executed notebook holds the script's cells only");
            return Optional.empty();
        }
    }

    /** Why the script's cells are not this notebook's, if they are not. */
    private Optional<String> mismatch(List<ScriptCell> scriptCells) {
        if (!(document.get("cells") instanceof List<?> list) || list.stream().anyMatch(cell -> !(cell instanceof Map))) {
            return Optional.of("it has no list of cells");
        }
        List<Map<String, Object>> cells = cells();
        for (ScriptCell scriptCell : scriptCells) {
            if (scriptCell.number() > cells.size()) {
                return Optional.of("the script has cell " + scriptCell.number() + ", the notebook " + cells.size() + " cells");
            }
            Map<String, Object> cell = cells.get(scriptCell.number() - 1);
            if (!"code".equals(cell.get("cell_type"))) {
                return Optional.of("cell " + scriptCell.number() + " is not a code cell");
            }
            if (scriptCell.id().isPresent() && cell.get("id") != null && !scriptCell.id().get().equals(cell.get("id"))) {
                return Optional.of("cell " + scriptCell.number() + " has id " + cell.get("id") + ", the script "
                        + scriptCell.id().get());
            }
        }
        return Optional.empty();
    }

    /** Whether the notebook's format has cell ids (nbformat 4.5 and later). */
    boolean hasCellIds() {
        return number(document.get("nbformat")) > 4
                || (number(document.get("nbformat")) == 4 && number(document.get("nbformat_minor")) >= 5);
    }

    /** A copy of the document to fill in. */
    Map<String, Object> copy() {
        return new LinkedHashMap<>(document);
    }

    /** Copies of the cells, in order, to fill in. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> cells() {
        List<Map<String, Object>> cells = new ArrayList<>();
        for (Object cell : (List<Object>) document.get("cells")) {
            cells.add(new LinkedHashMap<>((Map<String, Object>) cell));
        }
        return cells;
    }

    static boolean hasTag(Map<String, Object> cell, String tag) {
        return cell.get("metadata") instanceof Map<?, ?> metadata && metadata.get("tags") instanceof List<?> tags
                && tags.contains(tag);
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : 0;
    }
}
