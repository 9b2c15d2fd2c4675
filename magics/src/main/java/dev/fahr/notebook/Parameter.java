package dev.fahr.notebook;

import java.util.Objects;

/**
 * One declaration of a notebook's {@code parameters} cell, e.g. {@code int epochs = 10;} gives
 * {@code Parameter("epochs", INT, "10")}. The default is kept as the literal written in the cell.
 */
public record Parameter(String name, ParameterType type, String defaultLiteral) {

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultLiteral, "defaultLiteral");
    }
}
