package dev.fahr.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.fahr.notebook.Cell;
import dev.fahr.notebook.DependencyDirectives;
import dev.fahr.notebook.ExportResult;
import dev.fahr.notebook.ExportedCell;
import dev.fahr.notebook.LiteralNames;
import dev.fahr.notebook.JavaNotebookExporter;
import dev.fahr.notebook.LocatedNotebook;
import dev.fahr.notebook.Notebook;
import dev.fahr.notebook.NotebookLanguage;
import dev.fahr.notebook.NotebookLocator;
import dev.fahr.notebook.NotebookReader;
import dev.fahr.notebook.NotebookSource;
import dev.fahr.notebook.PythonExporter;
import dev.fahr.notebook.UnsavedEdits;

/**
 * Turns "what to train" into an export: a named notebook or script, or the notebook this kernel runs
 * (found as {@link NotebookLocator} does), or, with {@code --from-history}, the cells this kernel ran.
 */
final class ArtifactExporter {

    private final NotebookReader reader = new NotebookReader();

    TrainingArtifact export(Optional<Path> artifact, boolean fromHistory, Path workingDirectory,
                            Map<String, String> environment, Optional<KernelFacts> kernel) {
        if (artifact.isPresent()) {
            return exportFile(artifact.get(), List.of());
        }
        if (kernel.isEmpty()) {
            throw new IllegalArgumentException("name the notebook or script to train, e.g. fahr init train.py");
        }
        if (fromHistory) {
            if (kernel.get().history().isEmpty()) {
                throw new UsageError("--from-history needs a kernel that keeps the history of the cells it ran, and"
                        + " this one keeps none: name the notebook instead, e.g. %fahr_init train.ipynb");
            }
            return fromHistory(kernel.get().cells(), "the cells this kernel executed, in order");
        }
        LocatedNotebook located = NotebookLocator.builder()
                .environment(environment)
                .workingDir(workingDirectory)
                .connectionFile(kernel.get().connectionFile().orElse(null))
                .build()
                .locate(Optional.empty(), kernel.get().cells());
        if (located.source() == NotebookSource.KERNEL_HISTORY || located.path().isEmpty()) {
            if (kernel.get().history().isEmpty()) {
                throw new UsageError("cannot tell which notebook this kernel runs (" + located.explanation()
                        + "), and it keeps no history of its cells to export instead: name the notebook, e.g."
                        + " %fahr_init train.ipynb");
            }
            return fromHistory(kernel.get().cells(), located.explanation());
        }
        Path path = located.path().get();
        List<String> notes = new ArrayList<>();
        notes.add(located.explanation());
        Notebook saved = reader.read(path);
        UnsavedEdits edits = UnsavedEdits.compare(saved, path.getFileName().toString(), kernel.get().cells());
        if (edits.found()) {
            notes.add(edits.sentence());
        }
        return exportNotebook(saved, path, notes);
    }

    private TrainingArtifact exportFile(Path file, List<String> notes) {
        if (!Files.isRegularFile(file)) {
            throw new UsageError("no such notebook or script: " + file);
        }
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".ipynb")) {
            return exportNotebook(reader.read(file), file, notes);
        }
        if (lower.endsWith(".py")) {
            return new TrainingArtifact(Optional.of(file), name, new PythonExporter().exportScript(file), notes);
        }
        if (lower.endsWith(".jsh") || lower.endsWith(".java")) {
            return new TrainingArtifact(Optional.of(file), name, jshellScript(file), notes);
        }
        throw new UsageError("fahr trains .ipynb notebooks, .jsh JShell scripts and .py scripts, not "
                + name);
    }

    private TrainingArtifact exportNotebook(Notebook notebook, Path file, List<String> notes) {
        ExportResult export = notebook.language() == NotebookLanguage.PYTHON
                ? new PythonExporter().export(notebook, file)
                : new JavaNotebookExporter().export(notebook, file);
        return new TrainingArtifact(Optional.of(file), file.getFileName().toString(), export, notes);
    }

    private TrainingArtifact fromHistory(List<String> cells, String explanation) {
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("this kernel has executed no cells yet, so there is nothing to export; "
                    + "run the notebook's cells, or name the notebook: %fahr_init NOTEBOOK.ipynb");
        }
        Notebook.Builder notebook = Notebook.builder();
        List<Cell> built = new ArrayList<>();
        for (String source : cells) {
            if (!source.stripLeading().startsWith("%fahr_")) {
                built.add(Cell.code(source));
            }
        }
        Notebook synthetic = notebook.cells(built).build();
        Path pseudo = Path.of("history.ipynb");
        ExportResult export = new JavaNotebookExporter().export(synthetic, pseudo);
        return new TrainingArtifact(Optional.empty(), "history.ipynb", export, List.of(explanation));
    }

    /**
     * A JShell script trains as it is; its {@code //DEPS}, {@code //REPOS} and {@code //JARS} lines (JBang's
     * convention, and what the export writes) name its dependencies.
     */
    private static ExportResult jshellScript(Path file) {
        try {
            String script = Files.readString(file);
            String name = file.getFileName().toString();
            String fileName = name.endsWith(".java") ? name.substring(0, name.length() - 5) + ".jsh" : name;
            return new ExportResult(script, NotebookLanguage.JAVA, fileName,
                    DependencyDirectives.readScript(script, name), List.of(),
                    List.of(new ExportedCell(1, Optional.empty(), false)), LiteralNames.hyperparameters(script), LiteralNames.metrics(script), Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
