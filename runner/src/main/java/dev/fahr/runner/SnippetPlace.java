package dev.fahr.runner;

/**
 * Where a JShell snippet came from, so that a stack frame of a method defined in cell 3 reads
 * {@code cell 3, line 7} rather than JShell's {@code #12:2}.
 *
 * @param cellNumber the cell's number
 * @param snippet    the snippet, with its first line in the cell
 */
record SnippetPlace(int cellNumber, CellSnippet snippet) {

    /** Names line {@code snippetLine} of the snippet, e.g. {@code cell 3, line 7}. */
    String describe(int snippetLine) {
        return "cell " + cellNumber + ", line " + snippet.cellLineOfSnippetLine(snippetLine);
    }
}
