package dev.fahr.notebook;

import java.util.List;
import java.util.Objects;

/**
 * A notebook turned into a script: the script text, its language, the file name to save it as
 * (the notebook's base name with .jsh or .py), what it depends on, its parameters and its cells.
 */
public record ExportResult(
        String script,
        NotebookLanguage language,
        String fileName,
        DependencyDirectives dependencies,
        List<Parameter> parameters,
        List<ExportedCell> cells) {

    public ExportResult {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(dependencies, "dependencies");
        parameters = List.copyOf(parameters);
        cells = List.copyOf(cells);
    }
}
