package dev.fahr.runner;

import dev.fahr.json.JsonWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The executed copy of the notebook, as papermill saves one: every cell with its source and, for the
 * cells that ran, their execution count and outputs. Filled in while the job runs, and written at the
 * end whether it succeeded, failed or was stopped, so the user can open it in Jupyter.
 *
 * <p>Thread-safe: a stop signal writes it from another thread while a cell may still be running.
 */
final class ExecutedNotebook {

    /**
     * One notebook cell.
     *
     * @param id             the nbformat cell id
     * @param source         the code
     * @param executionCount when it ran, counting from 1; empty if it did not
     * @param outputs        what it printed, returned or threw
     * @param tags           papermill's tags, such as {@code parameters}
     * @param fahrCell       the cell number of the exported script
     */
    record Cell(String id, String source, Optional<Integer> executionCount, List<CellOutput> outputs,
                List<String> tags, int fahrCell) {
        Cell {
            outputs = List.copyOf(outputs);
            tags = List.copyOf(tags);
        }
    }

    // nbformat 4.5 requires unique cell ids of this shape.
    private static final Pattern CELL_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private final List<ScriptCell> scriptCells;
    private final List<Cell> executed = new ArrayList<>();
    private final Set<Integer> executedIndexes = new HashSet<>();

    ExecutedNotebook(List<ScriptCell> scriptCells) {
        this.scriptCells = List.copyOf(scriptCells);
    }

    /** Records that script cell {@code index} ran; later calls for the same index are ignored. */
    synchronized void recordExecuted(int index, List<CellOutput> outputs) {
        if (executedIndexes.add(index)) {
            ScriptCell cell = scriptCells.get(index);
            executed.add(new Cell(cell.id().orElse(""), cell.source(), Optional.of(executed.size() + 1), outputs,
                    cell.parameters() ? List.of("parameters") : List.of(), cell.number()));
        }
    }

    /** Records the cell papermill would have injected after the parameters cell. */
    synchronized void recordInjectedParameters(String source, List<CellOutput> outputs, int parametersCellNumber) {
        executed.add(new Cell("injected-parameters", source, Optional.of(executed.size() + 1), outputs,
                List.of("injected-parameters"), parametersCellNumber));
    }

    /** Writes the notebook to {@code file}, replacing it atomically so that no half-written file is uploaded. */
    void writeTo(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, toJson(), StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    synchronized String toJson() {
        List<Cell> cells = new ArrayList<>(executed);
        for (int i = 0; i < scriptCells.size(); i++) {
            if (!executedIndexes.contains(i)) {
                ScriptCell cell = scriptCells.get(i);
                cells.add(new Cell(cell.id().orElse(""), cell.source(), Optional.empty(), List.of(),
                        cell.parameters() ? List.of("parameters") : List.of(), cell.number()));
            }
        }
        Map<String, Object> notebook = new LinkedHashMap<>();
        notebook.put("cells", cellsJson(cells));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("kernelspec", orderedMap("display_name", "Java", "language", "java", "name", "java"));
        metadata.put("language_info", orderedMap("name", "java", "version", Runtime.version().toString()));
        notebook.put("metadata", metadata);
        notebook.put("nbformat", 4);
        notebook.put("nbformat_minor", 5);
        return JsonWriter.write(notebook);
    }

    private static List<Object> cellsJson(List<Cell> cells) {
        Set<String> usedIds = new HashSet<>();
        List<Object> json = new ArrayList<>();
        for (Cell cell : cells) {
            String id = cell.id();
            if (!CELL_ID.matcher(id).matches() || !usedIds.add(id)) {
                id = "fahr-cell-" + cell.fahrCell() + "-" + json.size();
                usedIds.add(id);
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("fahr", Map.of("cell", cell.fahrCell()));
            if (!cell.tags().isEmpty()) {
                metadata.put("tags", cell.tags());
            }
            Map<String, Object> cellJson = new LinkedHashMap<>();
            cellJson.put("cell_type", "code");
            cellJson.put("execution_count", cell.executionCount().orElse(null));
            cellJson.put("id", id);
            cellJson.put("metadata", metadata);
            int executionCount = cell.executionCount().orElse(0);
            cellJson.put("outputs", cell.outputs().stream().map(output -> output.toNotebookJson(executionCount)).toList());
            cellJson.put("source", CellOutput.lines(cell.source()));
            json.add(cellJson);
        }
        return json;
    }

    private static Map<String, Object> orderedMap(String... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
