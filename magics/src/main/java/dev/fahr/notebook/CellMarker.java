package dev.fahr.notebook;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The line that opens each cell's block in an exported script, e.g.
 * {@code // @fahr-cell 3 id=5f2a1c parameters}. The runner module parses these lines, so the format
 * is fixed: comment prefix, {@code @fahr-cell}, the 1-based cell number, then optional {@code id=ID}
 * and the word {@code parameters}, separated by single spaces.
 */
final class CellMarker {

    static final String KEYWORD = "@fahr-cell";
    static final String PARAMETERS_TAG = "parameters";
    static final String SKIP_TAG = "fahr:skip";

    // nbformat 4.5's pattern for ids; anything else would break the marker's space-separated format.
    private static final Pattern CELL_ID = Pattern.compile("[a-zA-Z0-9_\\-]{1,64}");

    private CellMarker() {
    }

    static String line(String commentPrefix, int number, Optional<String> id, boolean parameters, String origin) {
        StringBuilder line = new StringBuilder(commentPrefix).append(' ').append(KEYWORD).append(' ').append(number);
        if (id.isPresent()) {
            if (!CELL_ID.matcher(id.get()).matches()) {
                throw new NotebookException(origin + ", cell " + number + " has the id '" + id.get() + "', which"
                        + " nbformat does not allow (1 to 64 letters, digits, '-' or '_'). Give the cell a valid id"
                        + " or remove it, then save the notebook.");
            }
            line.append(" id=").append(id.get());
        }
        if (parameters) {
            line.append(' ').append(PARAMETERS_TAG);
        }
        return line.toString();
    }

    static String header(String commentPrefix, String sourceFileName) {
        return commentPrefix + " Exported by fahr from " + sourceFileName + "; edit the notebook, not this file.";
    }

    /** The notebook's base name with a new extension: train.ipynb becomes train.jsh. */
    static String scriptFileName(String sourceFileName, String extension) {
        int dot = sourceFileName.lastIndexOf('.');
        String base = dot > 0 ? sourceFileName.substring(0, dot) : sourceFileName;
        return base + extension;
    }
}
