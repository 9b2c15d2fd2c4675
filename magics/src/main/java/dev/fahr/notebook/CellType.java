package dev.fahr.notebook;

import java.util.Arrays;
import java.util.Optional;

/** The three cell types of nbformat 4, with their names in the file. */
public enum CellType {
    CODE("code"),
    MARKDOWN("markdown"),
    RAW("raw");

    private final String jsonName;

    CellType(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static Optional<CellType> fromJsonName(String name) {
        return Arrays.stream(values()).filter(type -> type.jsonName.equals(name)).findFirst();
    }
}
