package dev.fahr.notebook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A notebook turned into a script: the script text, its language, the file name to save it as
 * (the notebook's base name with .jsh or .py), what it depends on, its parameters, its cells, the
 * hyperparameter names its code reads with a literal {@code Fahr.hyperparameter("...")}, the metrics it
 * reports (see {@link LiteralNames}), and, for a Java notebook, the notebook itself with its outputs cleared:
 * the job fills that one in, as papermill does.
 */
public record ExportResult(
        String script,
        NotebookLanguage language,
        String fileName,
        DependencyDirectives dependencies,
        List<Parameter> parameters,
        List<ExportedCell> cells,
        List<String> hyperparametersRead,
        List<String> metrics,
        Optional<String> inputNotebook) {

    public ExportResult {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(dependencies, "dependencies");
        parameters = List.copyOf(parameters);
        cells = List.copyOf(cells);
        hyperparametersRead = List.copyOf(hyperparametersRead);
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(inputNotebook, "inputNotebook");
    }

    /** Where the input notebook goes beside the script, if there is one. */
    public Optional<String> inputNotebookFileName() {
        return inputNotebook.map(json -> inputNotebookFileName(fileName));
    }

    /** {@code train.jsh} has {@code train.input.ipynb} beside it. */
    public static String inputNotebookFileName(String scriptFileName) {
        return CellMarker.scriptFileName(scriptFileName, ".input.ipynb");
    }

    /** The hyperparameter names the code declares: the parameters cell's variables, then what it reads by name. */
    public List<String> declaredHyperparameters() {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        parameters.forEach(parameter -> names.add(parameter.name()));
        names.addAll(hyperparametersRead);
        return List.copyOf(names);
    }
}
