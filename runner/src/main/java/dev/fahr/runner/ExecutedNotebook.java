package dev.fahr.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.fahr.json.JsonWriter;
import dev.fahr.runtime.MetricPoint;
import dev.fahr.files.AtomicFile;

/**
 * The notebook the job hands back, as papermill writes one: the input notebook with every cell kept in
 * order and the outputs filled in. Code cells that ran get their outputs, an execution count and
 * papermill's {@code metadata.papermill} (start, end, duration, status); cells that did not run in the
 * job (tagged {@code fahr:skip}, or only magics) are kept without outputs and say why in
 * {@code metadata.fahr.skipped}; markdown and raw cells stay as they were; an {@code injected-parameters}
 * cell follows the {@code parameters} cell. Without an input notebook (a {@code .jsh} script), the cells are
 * the script's.
 *
 * <p>Filled in while the job runs and written at the end whether it succeeded, failed or was stopped.
 * Thread-safe: a stop signal writes it from another thread while a cell may still be running.
 */
final class ExecutedNotebook {

    static final String STATUS_COMPLETED = "completed";
    static final String STATUS_FAILED = "failed";
    static final String STATUS_PENDING = "pending";

    /** What the fahr kernel announces; used where the input notebook names no kernel. */
    private static final Map<String, Object> FAHR_KERNELSPEC = ordered(
            "display_name", "Java (fahr)", "language", "java", "name", "fahr-java");
    // nbformat 4.5 requires unique cell ids of this shape.
    private static final Pattern CELL_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    /** What one cell came to. */
    private record Run(int executionCount, List<CellOutput> outputs, Instant start, Instant end, boolean failed) {
        Run {
            outputs = List.copyOf(outputs);
        }
    }

    private final List<ScriptCell> scriptCells;
    private final Optional<InputNotebook> input;
    private final Instant started;
    private final Map<Integer, Run> runs = new HashMap<>();
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private String injectedSource;
    private Run injected;
    private int executionCount;

    ExecutedNotebook(List<ScriptCell> scriptCells, Optional<InputNotebook> input, Instant started) {
        this.scriptCells = List.copyOf(scriptCells);
        this.input = input;
        this.started = started;
    }

    /** Records that script cell {@code index} ran; later calls for the same index are ignored. */
    synchronized void recordExecuted(int index, List<CellOutput> outputs, Instant start, Instant end, boolean failed) {
        if (!runs.containsKey(index)) {
            runs.put(index, new Run(++executionCount, outputs, start, end, failed));
        }
    }

    /**
     * Records the cell papermill would have injected after the parameters cell.
     *
     * @param applied the hyperparameters the runner applied, by name, as given
     */
    synchronized void recordInjectedParameters(String source, Map<String, String> applied, List<CellOutput> outputs,
                                               Instant start, Instant end, boolean failed) {
        injectedSource = source;
        parameters.putAll(applied);
        injected = new Run(++executionCount, outputs, start, end, failed);
    }

    /**
     * Writes the notebook to {@code file}, replacing it atomically so that no half-written file is uploaded.
     *
     * @param metrics what the job reported with {@code Fahr.metric}, kept in {@code metadata.fahr.metrics}
     */
    void writeTo(Path file, Instant ended, Map<String, List<MetricPoint>> metrics) throws IOException {
        AtomicFile.writeString(file, toJson(file, ended, metrics));
    }

    synchronized String toJson(Path outputPath, Instant ended, Map<String, List<MetricPoint>> metrics) {
        Map<String, Object> notebook = input.map(InputNotebook::copy).orElseGet(LinkedHashMap::new);
        boolean cellIds = input.map(InputNotebook::hasCellIds).orElse(true);
        notebook.put("cells", input.isPresent() ? inputCells(input.get(), cellIds) : scriptOnlyCells());
        Map<String, Object> metadata = map(notebook.get("metadata"));
        metadata.putIfAbsent("kernelspec", FAHR_KERNELSPEC);
        metadata.put("language_info", ordered("codemirror_mode", "text/x-java", "file_extension", ".jsh",
                "mimetype", "text/x-java-source", "name", "java", "pygments_lexer", "java",
                "version", Runtime.version().toString()));
        metadata.put("papermill", papermillRun(outputPath, ended));
        if (!metrics.isEmpty()) {
            Map<String, Object> fahr = map(metadata.get("fahr"));
            fahr.put("metrics", metricsJson(metrics));
            metadata.put("fahr", fahr);
        }
        notebook.put("metadata", metadata);
        notebook.putIfAbsent("nbformat", 4L);
        notebook.putIfAbsent("nbformat_minor", 5L);
        return JsonWriter.write(notebook);
    }

    private List<Object> inputCells(InputNotebook notebook, boolean cellIds) {
        Map<Integer, Integer> scriptIndexByNumber = new HashMap<>();
        for (int i = 0; i < scriptCells.size(); i++) {
            scriptIndexByNumber.put(scriptCells.get(i).number(), i);
        }
        Set<String> usedIds = new HashSet<>();
        List<Object> cells = new ArrayList<>();
        List<Map<String, Object>> inputCells = notebook.cells();
        for (int i = 0; i < inputCells.size(); i++) {
            Map<String, Object> cell = inputCells.get(i);
            if (cellIds && cell.get("id") instanceof String id) {
                usedIds.add(id);
            }
            if (!"code".equals(cell.get("cell_type"))) {
                cells.add(cell);
                continue;
            }
            Integer index = scriptIndexByNumber.get(i + 1);
            if (index == null) {
                Map<String, Object> metadata = map(cell.get("metadata"));
                metadata.put("fahr", ordered("skipped", InputNotebook.hasTag(cell, "fahr:skip")
                        ? "tagged fahr:skip" : "only magics, which run in the notebook kernel, not in the job"));
                cell.put("metadata", metadata);
                cells.add(withRun(cell, null));
                continue;
            }
            cells.add(withRun(cell, runs.get(index)));
            if (scriptCells.get(index).parameters() && injected != null) {
                cells.add(injectedCell(cellIds ? Optional.of(uniqueId("injected-parameters", usedIds)) : Optional.empty()));
            }
        }
        return cells;
    }

    private List<Object> scriptOnlyCells() {
        Set<String> usedIds = new HashSet<>();
        List<Object> cells = new ArrayList<>();
        for (int i = 0; i < scriptCells.size(); i++) {
            ScriptCell scriptCell = scriptCells.get(i);
            String id = scriptCell.id().filter(value -> CELL_ID.matcher(value).matches() && !usedIds.contains(value))
                    .orElse(uniqueId("fahr-cell-" + scriptCell.number(), usedIds));
            usedIds.add(id);
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("cell_type", "code");
            cell.put("id", id);
            cell.put("metadata", scriptCell.parameters() ? ordered("tags", List.of("parameters")) : new LinkedHashMap<>());
            cell.put("source", CellOutput.lines(scriptCell.source()));
            cells.add(withRun(cell, runs.get(i)));
            if (scriptCell.parameters() && injected != null) {
                cells.add(injectedCell(Optional.of(uniqueId("injected-parameters", usedIds))));
            }
        }
        return cells;
    }

    private Map<String, Object> injectedCell(Optional<String> id) {
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("cell_type", "code");
        id.ifPresent(value -> cell.put("id", value));
        cell.put("metadata", ordered("tags", List.of("injected-parameters")));
        cell.put("source", CellOutput.lines(injectedSource));
        return withRun(cell, injected);
    }

    /** The cell with what its run left: outputs, execution count and papermill's metadata; none if it did not run. */
    private static Map<String, Object> withRun(Map<String, Object> cell, Run run) {
        Map<String, Object> metadata = map(cell.get("metadata"));
        Map<String, Object> papermill = new LinkedHashMap<>();
        if (run == null) {
            papermill.put("duration", null);
            papermill.put("end_time", null);
            papermill.put("exception", null);
            papermill.put("start_time", null);
            papermill.put("status", STATUS_PENDING);
            cell.put("execution_count", null);
            cell.put("outputs", List.of());
        } else {
            papermill.put("duration", seconds(run.start(), run.end()));
            papermill.put("end_time", run.end().toString());
            papermill.put("exception", run.failed());
            papermill.put("start_time", run.start().toString());
            papermill.put("status", run.failed() ? STATUS_FAILED : STATUS_COMPLETED);
            cell.put("execution_count", (long) run.executionCount());
            cell.put("outputs", run.outputs().stream().map(output -> output.toNotebookJson(run.executionCount())).toList());
        }
        metadata.put("papermill", papermill);
        cell.put("metadata", metadata);
        return cell;
    }

    private Map<String, Object> papermillRun(Path outputPath, Instant ended) {
        boolean failed = runs.values().stream().anyMatch(Run::failed) || (injected != null && injected.failed());
        Map<String, Object> papermill = new LinkedHashMap<>();
        papermill.put("duration", seconds(started, ended));
        papermill.put("end_time", ended.toString());
        papermill.put("environment_variables", new LinkedHashMap<>());
        papermill.put("exception", failed);
        papermill.put("input_path", input.map(notebook -> notebook.path().toString()).orElse(null));
        papermill.put("output_path", outputPath.toString());
        papermill.put("parameters", new LinkedHashMap<>(parameters));
        papermill.put("start_time", started.toString());
        return papermill;
    }

    /** Each name's points as {@code [step, value]}; JSON has no NaN or infinity, so those are written as text. */
    private static Map<String, Object> metricsJson(Map<String, List<MetricPoint>> metrics) {
        Map<String, Object> json = new LinkedHashMap<>();
        metrics.forEach((name, points) -> json.put(name, points.stream()
                .map(point -> List.<Object>of(point.step(), Double.isFinite(point.value())
                        ? (Object) point.value() : Double.toString(point.value())))
                .toList()));
        return json;
    }

    private static String uniqueId(String wanted, Set<String> used) {
        String id = wanted;
        for (int n = 2; used.contains(id); n++) {
            id = wanted + "-" + n;
        }
        used.add(id);
        return id;
    }

    private static double seconds(Instant start, Instant end) {
        return Duration.between(start, end).toNanos() / 1e9;
    }

    /** A mutable copy of a JSON object, or a new one. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object json) {
        return json instanceof Map<?, ?> given ? new LinkedHashMap<>((Map<String, Object>) given) : new LinkedHashMap<>();
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
