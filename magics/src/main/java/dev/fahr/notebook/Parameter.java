package dev.fahr.notebook;

import java.util.Objects;

import dev.fahr.runtime.HyperparameterType;

/**
 * One declaration of a notebook's {@code parameters} cell, e.g. {@code int epochs = 10;} gives
 * {@code Parameter("epochs", INT, "10")}. The default is kept as the literal written in the cell. The types
 * are the runner's: what the export accepts is exactly what a job can override.
 */
public record Parameter(String name, HyperparameterType type, String defaultLiteral) {

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultLiteral, "defaultLiteral");
    }
}
