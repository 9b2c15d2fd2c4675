package dev.fahr.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Exports a Python notebook, or a .py script, to a plain Python script with the same cell markers as
 * the Java export ({@code # @fahr-cell 3 id=... parameters}). IPython magics and shell escapes are
 * commented out, not deleted, so the reader sees what the notebook did and that it will not happen.
 */
public final class PythonExporter {

    static final String COMMENTED_OUT = "# fahr: commented out: ";

    // "%magic", "!cmd", and IPython's assignment forms "files = !ls" and "t = %time f()".
    private static final Pattern IPYTHON_LINE = Pattern.compile("\\s*(?:[%!]|[A-Za-z_][\\w.,\\s]*=\\s*[%!](?!=)).*");

    private final NotebookReader reader;

    public PythonExporter() {
        this(new NotebookReader());
    }

    public PythonExporter(NotebookReader reader) {
        this.reader = reader;
    }

    /** Exports an .ipynb notebook or a .py script, chosen by the file's extension. */
    public ExportResult export(Path file) {
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".py")) {
            return exportScript(file);
        }
        return export(reader.read(file), file);
    }

    public ExportResult export(Notebook notebook, Path notebookFile) {
        String fileName = notebookFile.getFileName().toString();
        if (notebook.language() == NotebookLanguage.JAVA) {
            throw new NotebookException(fileName + " is a Java notebook (kernel language '"
                    + notebook.languageName().orElse("?") + "'); export it with the Java exporter instead.");
        }
        ScriptAssembler assembler = new ScriptAssembler("#", fileName);
        Optional<Integer> parametersCell = ScriptAssembler.parametersCellNumber(notebook, fileName);
        List<Parameter> parameters = List.of();
        List<Cell> cells = notebook.cells();
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            int number = i + 1;
            if (cell.type() != CellType.CODE || cell.hasTag(CellMarker.SKIP_TAG) || cell.source().isBlank()) {
                continue;
            }
            boolean isParameters = parametersCell.equals(Optional.of(number));
            if (isParameters) {
                parameters = ParametersCell.parsePython(cell.source(), fileName + ", cell " + number + " (parameters)");
            }
            assembler.addBlock(number, cell.id(), isParameters, commentOutIPython(cell.source()));
        }
        String script = assembler.script(fileName, List.of());
        return new ExportResult(script, NotebookLanguage.PYTHON, CellMarker.scriptFileName(fileName, ".py"),
                DependencyDirectives.none(), parameters, assembler.cells(), List.of(), LiteralNames.metrics(script),
                Optional.empty());
    }

    /** A script is one cell, numbered 1; the result keeps the script's own file name. */
    public ExportResult exportScript(Path script) {
        String fileName = script.getFileName().toString();
        String source;
        try {
            source = Files.readString(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NotebookException("Cannot read script " + script + ": " + NotebookWriter.describe(e)
                    + ". Check the path and that the file is UTF-8 text.", e);
        }
        ScriptAssembler assembler = new ScriptAssembler("#", fileName);
        if (!source.isBlank()) {
            assembler.addBlock(1, Optional.empty(), false, commentOutIPython(source));
        }
        String exported = assembler.script(fileName, List.of());
        return new ExportResult(exported, NotebookLanguage.PYTHON, fileName, DependencyDirectives.none(), List.of(),
                assembler.cells(), List.of(), LiteralNames.metrics(exported), Optional.empty());
    }

    static String commentOutIPython(String source) {
        List<String> lines = source.lines().toList();
        boolean wholeCell = !lines.isEmpty() && lines.stream().filter(line -> !line.isBlank()).findFirst()
                .map(line -> line.stripLeading().startsWith("%%")).orElse(false);
        StringBuilder code = new StringBuilder();
        for (String line : lines) {
            if (wholeCell && !line.isBlank()) {
                // A %%bash or %%writefile body is not Python at all: comment it verbatim.
                code.append(COMMENTED_OUT).append(line);
            } else if (!wholeCell && IPYTHON_LINE.matcher(line).matches()) {
                code.append(commentOut(line));
            } else {
                code.append(line);
            }
            code.append('\n');
        }
        return code.toString();
    }

    private static String commentOut(String line) {
        String body = line.stripLeading();
        String indent = line.substring(0, line.length() - body.length());
        // An indented line sits inside a block; a bare comment there could leave the block empty.
        return indent.isEmpty() ? COMMENTED_OUT + body : indent + "pass  " + COMMENTED_OUT + body;
    }
}
