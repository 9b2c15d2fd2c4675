package dev.fahr.notebook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Exports a Java notebook to a JShell script a person can read and run (and jbang can run, thanks to
 * the {@code //DEPS} lines). Format:
 * <pre>
 * // Exported by fahr from quickstart.ipynb; edit the notebook, not this file.
 * //DEPS org.apache.commons:commons-math3:3.6.1
 * //REPOS central=https://repo.maven.apache.org/maven2/
 * //JARS lib/foo.jar
 *
 * // @fahr-cell 3 id=5f2a1c parameters
 * int epochs = 10;
 *
 * // @fahr-cell 4 id=9bd0e2
 * ...
 * </pre>
 * Markdown and raw cells, cells tagged {@code fahr:skip} and cells left empty once magics are
 * removed produce no block; cell numbers count every cell so they match what the user sees.
 */
public final class JavaNotebookExporter {

    private final NotebookReader reader;

    public JavaNotebookExporter() {
        this(new NotebookReader());
    }

    public JavaNotebookExporter(NotebookReader reader) {
        this.reader = reader;
    }

    public ExportResult export(Path notebookFile) {
        return export(reader.read(notebookFile), notebookFile);
    }

    /** @param notebookFile where the notebook lives: names the script and anchors {@code %load} paths */
    public ExportResult export(Notebook notebook, Path notebookFile) {
        String fileName = notebookFile.getFileName().toString();
        if (notebook.language() == NotebookLanguage.PYTHON) {
            throw new NotebookException(fileName + " is a Python notebook (kernel language '"
                    + notebook.languageName().orElse("?") + "'); export it with the Python exporter instead.");
        }
        Path folder = notebookFile.toAbsolutePath().getParent();
        JavaMagicTranslator translator = new JavaMagicTranslator(folder, fileName);
        ScriptAssembler assembler = new ScriptAssembler("//", fileName);
        Optional<Integer> parametersCell = ScriptAssembler.parametersCellNumber(notebook, fileName);
        List<Parameter> parameters = List.of();
        List<Cell> cells = notebook.cells();
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            int number = i + 1;
            if (cell.type() != CellType.CODE || cell.hasTag(CellMarker.SKIP_TAG)) {
                continue;
            }
            String code = translator.translate(cell.source(), number);
            boolean isParameters = parametersCell.equals(Optional.of(number));
            if (isParameters) {
                parameters = ParametersCell.parseJava(code, fileName + ", cell " + number + " (parameters)");
            }
            if (!code.isBlank()) {
                assembler.addBlock(number, cell.id(), isParameters, code);
            }
        }
        DependencyDirectives directives = translator.directives();
        String script = assembler.script(fileName, directives.scriptLines());
        return new ExportResult(script, NotebookLanguage.JAVA, CellMarker.scriptFileName(fileName, ".jsh"), directives,
                parameters, assembler.cells(), LiteralNames.hyperparameters(script), LiteralNames.metrics(script),
                Optional.of(inputNotebook(notebook)));
    }

    /**
     * The notebook as the job runs it: every cell, its outputs and execution counts cleared, so that a
     * re-run of the notebook alone does not change the image, and the executed copy shows only the job's.
     */
    private static String inputNotebook(Notebook notebook) {
        List<Cell> cleared = new ArrayList<>();
        for (Cell cell : notebook.cells()) {
            cleared.add(cell.type() == CellType.CODE
                    ? cell.toBuilder().outputs(List.of()).executionCount(null).build() : cell);
        }
        return new NotebookWriter().toJson(notebook.toBuilder().cells(cleared).build());
    }
}
