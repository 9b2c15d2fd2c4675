package dev.fahr.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import dev.fahr.display.Rendering;
import dev.fahr.engine.CellError;

/** One output of an executed notebook cell, in nbformat 4's shapes. */
sealed interface CellOutput {

    /** The output as an nbformat JSON object, for a cell that ran as execution {@code executionCount}. */
    Map<String, Object> toNotebookJson(int executionCount);

    /** Text the cell printed: {@code name} is {@code stdout} or {@code stderr}. */
    record Stream(String name, String text) implements CellOutput {
        @Override
        public Map<String, Object> toNotebookJson(int executionCount) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", name);
            json.put("output_type", "stream");
            json.put("text", lines(text));
            return json;
        }
    }

    /** The value of a cell's last expression, rendered as the kernel renders it. */
    record Result(Rendering rendering) implements CellOutput {
        @Override
        public Map<String, Object> toNotebookJson(int executionCount) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("data", data(rendering));
            json.put("execution_count", executionCount);
            json.put("metadata", Map.of());
            json.put("output_type", "execute_result");
            return json;
        }
    }

    /**
     * What a cell showed with {@code display(...)}; the rendering is replaced when the cell, or a later
     * one, updates it, so the saved notebook shows the last state, as the screen would.
     */
    record Display(String id, AtomicReference<Rendering> rendering) implements CellOutput {
        @Override
        public Map<String, Object> toNotebookJson(int executionCount) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("data", data(rendering.get()));
            json.put("metadata", Map.of());
            json.put("output_type", "display_data");
            return json;
        }
    }

    /** Why the cell failed: an exception, a compile error, or a stop. */
    record Error(String name, String value, List<String> traceback) implements CellOutput {
        public Error {
            traceback = List.copyOf(traceback);
        }

        static Error of(CellError error) {
            return new Error(error.name(), error.message(), error.traceback());
        }

        @Override
        public Map<String, Object> toNotebookJson(int executionCount) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("ename", name);
            json.put("evalue", value);
            json.put("output_type", "error");
            json.put("traceback", traceback);
            return json;
        }
    }

    /** MIME type to content, text as Jupyter's list of lines, in a stable order. */
    private static Map<String, Object> data(Rendering rendering) {
        Map<String, Object> data = new TreeMap<>();
        rendering.data().forEach((type, content) -> data.put(type, type.startsWith("text/") ? lines(content) : content));
        return data;
    }

    /** Splits text into lines that keep their line breaks, as Jupyter stores multi-line strings. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
