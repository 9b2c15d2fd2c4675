package dev.fahr.engine;

/**
 * Where code comes from, for messages: {@code label} names the cell as its front end shows it (the
 * kernel's {@code "In [5]"}, the job's {@code "cell 4"}) and {@code firstLine} is the cell line (from 1)
 * on which the code starts.
 */
public record CellOrigin(String label, int firstLine) {

    public static final CellOrigin UNKNOWN = new CellOrigin("code", 1);

    public CellOrigin {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a cell origin needs a label");
        }
        firstLine = Math.max(1, firstLine);
    }

    /** The same cell, {@code lines} further down. */
    CellOrigin shiftedBy(int lines) {
        return new CellOrigin(label, firstLine + lines);
    }

    /** {@code "In [5] line 3"} for line {@code lineInCode} (from 1) of this code. */
    String describeLine(int lineInCode) {
        return label + " line " + (firstLine + Math.max(1, lineInCode) - 1);
    }
}
