package dev.fahr.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notebook exported as a JShell script: a header, then blocks that each start with a marker line
 * {@code // @fahr-cell N[ id=ID][ parameters]}. A script without markers is a single cell numbered 1,
 * so that a hand-written {@code .jsh} runs too.
 *
 * @param cells the cells in order
 */
record ExportedScript(List<ScriptCell> cells) {

    private static final String MARKER_PREFIX = "// @fahr-cell";
    private static final Pattern MARKER =
            Pattern.compile("// @fahr-cell (\\d{1,9})(?: id=(\\S+))?( parameters)?");

    ExportedScript {
        cells = List.copyOf(cells);
    }

    /** @throws IllegalArgumentException when a marker line is malformed, naming the line */
    static ExportedScript parse(String text) {
        String[] lines = text.split("\r?\n", -1);
        List<ScriptCell> cells = new ArrayList<>();
        Matcher open = null;
        int openLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith(MARKER_PREFIX)) {
                continue;
            }
            Matcher marker = MARKER.matcher(line);
            if (!marker.matches()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": malformed cell marker \"" + line
                        + "\"; expected \"// @fahr-cell N[ id=ID][ parameters]\"");
            }
            if (open != null) {
                cells.add(cell(open, lines, openLine + 1, i));
            }
            open = marker;
            openLine = i;
        }
        if (open == null) {
            return new ExportedScript(List.of(new ScriptCell(1, Optional.empty(), false, text, 1)));
        }
        cells.add(cell(open, lines, openLine + 1, lines.length));
        return new ExportedScript(cells);
    }

    /**
     * Lines {@code from} (inclusive) to {@code to} (exclusive), without the blank lines that separate blocks.
     * Blank lines at the start are the cell's own: the export keeps them so that lines count as in the notebook.
     */
    private static ScriptCell cell(Matcher marker, String[] lines, int from, int to) {
        while (to > from && lines[to - 1].isBlank()) {
            to--;
        }
        String source = String.join("\n", List.of(lines).subList(from, to));
        return new ScriptCell(Integer.parseInt(marker.group(1)), Optional.ofNullable(marker.group(2)),
                marker.group(3) != null, source, from + 1);
    }

    /** The cell whose variables hyperparameters override, if any. */
    Optional<ScriptCell> parametersCell() {
        return cells.stream().filter(ScriptCell::parameters).findFirst();
    }
}
