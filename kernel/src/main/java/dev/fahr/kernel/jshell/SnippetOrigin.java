package dev.fahr.kernel.jshell;

/**
 * Where a snippet came from, for error messages: {@code label} names the cell (e.g. {@code "In [5]"})
 * and {@code firstLine} is the cell line on which the snippet starts.
 */
public record SnippetOrigin(String label, int firstLine) {

    public static final SnippetOrigin UNKNOWN = new SnippetOrigin("code", 1);

    SnippetOrigin shiftedBy(int lines) {
        return new SnippetOrigin(label, firstLine + lines);
    }

    /** {@code "In [5] line 3"} for line {@code lineInSnippet} (1-based) of this snippet. */
    String describeLine(int lineInSnippet) {
        return label + " line " + (firstLine + Math.max(1, lineInSnippet) - 1);
    }
}
