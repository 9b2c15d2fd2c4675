package dev.fahr.runtime;

import dev.fahr.json.JsonReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The hyperparameters of a job as SageMaker hands them over: a flat JSON object of strings in
 * {@code /opt/ml/input/config/hyperparameters.json}. Numbers and booleans written by other tools are
 * accepted too and kept as their JSON text.
 *
 * @param values the raw values by name, in file order
 */
public record Hyperparameters(Map<String, String> values) {

    public Hyperparameters {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** No hyperparameters: what a notebook, or a job started without any, sees. */
    public static Hyperparameters none() {
        return new Hyperparameters(Map.of());
    }

    /**
     * Reads {@code file}; a missing file means no hyperparameters, because SageMaker omits nothing
     * but other drivers may.
     *
     * @throws IllegalArgumentException when the file is not a flat JSON object, naming the file
     */
    public static Hyperparameters read(Path file) {
        if (!Files.isRegularFile(file)) {
            return none();
        }
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read hyperparameters from " + file, e);
        }
        try {
            return new Hyperparameters(JsonReader.parseFlatObject(json));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read hyperparameters from " + file + ": " + e.getMessage(), e);
        }
    }

    /** The raw text of {@code name}, if it was given. */
    public Optional<String> raw(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** {@code name} converted to {@code type}, or {@code fallback} when it was not given. */
    public Object valueOr(String name, HyperparameterType type, Object fallback) {
        String text = values.get(name);
        return text == null ? fallback : type.parse(name, text);
    }
}
