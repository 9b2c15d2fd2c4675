package dev.fahr.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lays out an exported script: the header comment, directive lines, a blank line, then one block per
 * cell (marker line, code) with a blank line between blocks. Shared by the Java and Python exports
 * so both keep exactly the format the runner parses.
 */
final class ScriptAssembler {

    private final String commentPrefix;
    private final String origin;
    private final List<String> blocks = new ArrayList<>();
    private final List<ExportedCell> cells = new ArrayList<>();

    ScriptAssembler(String commentPrefix, String origin) {
        this.commentPrefix = commentPrefix;
        this.origin = origin;
    }

    void addBlock(int number, Optional<String> id, boolean parameters, String code) {
        blocks.add(CellMarker.line(commentPrefix, number, id, parameters, origin) + "\n" + code.stripTrailing() + "\n");
        cells.add(new ExportedCell(number, id, parameters));
    }

    List<ExportedCell> cells() {
        return List.copyOf(cells);
    }

    String script(String sourceFileName, List<String> directiveLines) {
        StringBuilder script = new StringBuilder(CellMarker.header(commentPrefix, sourceFileName)).append('\n');
        directiveLines.forEach(line -> script.append(line).append('\n'));
        for (String block : blocks) {
            script.append('\n').append(block);
        }
        return script.toString();
    }

    /** The one code cell tagged parameters, if any; two would make overrides ambiguous. */
    static Optional<Integer> parametersCellNumber(Notebook notebook, String origin) {
        Integer found = null;
        List<Cell> cells = notebook.cells();
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            if (cell.type() == CellType.CODE && cell.hasTag(CellMarker.PARAMETERS_TAG) && !cell.hasTag(CellMarker.SKIP_TAG)) {
                if (found != null) {
                    throw new NotebookException(origin + ": cells " + found + " and " + (i + 1) + " are both tagged "
                            + "'parameters'. Keep the tag on one cell so overrides have one place to go.");
                }
                found = i + 1;
            }
        }
        return Optional.ofNullable(found);
    }
}
