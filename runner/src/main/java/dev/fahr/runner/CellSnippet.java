package dev.fahr.runner;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

import java.util.ArrayList;
import java.util.List;

/**
 * One JShell snippet of a cell: a declaration, statement or expression, which is what
 * {@code JShell.eval} accepts, together with where it starts in the cell so that errors can name the
 * cell's own line numbers.
 *
 * @param source    the snippet's code, starting at its first non-blank character
 * @param firstLine the cell line (from 1) on which {@code source} starts
 */
record CellSnippet(String source, int firstLine) {

    /** Splits a cell the way the notebook kernel does, with JShell's own completeness analysis. */
    static List<CellSnippet> split(SourceCodeAnalysis analysis, String cellSource) {
        List<CellSnippet> snippets = new ArrayList<>();
        String remaining = cellSource;
        while (!remaining.isBlank()) {
            int start = cellSource.length() - remaining.length();
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            boolean complete = info.completeness().isComplete() && info.source() != null;
            // An incomplete rest (an unclosed brace, say) is still evaluated, to get the compiler's message.
            String source = complete ? info.source() : remaining;
            String rest = complete ? info.remaining() : "";
            if (info.completeness() == Completeness.EMPTY || rest.length() >= remaining.length()) {
                break;
            }
            snippets.add(trimmed(source, lineAt(cellSource, start)));
            remaining = rest;
        }
        return snippets;
    }

    // JShell numbers stack-frame lines wrongly when a snippet starts with a line break, so leading
    // blank space is cut off and counted into the starting line instead.
    private static CellSnippet trimmed(String source, int line) {
        int first = 0;
        while (first < source.length() && Character.isWhitespace(source.charAt(first))) {
            if (source.charAt(first) == '\n') {
                line++;
            }
            first++;
        }
        return new CellSnippet(source.substring(first), line);
    }

    private static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The cell line of a character position within {@link #source()}. */
    int cellLineOf(long position) {
        return firstLine + lineAt(source, (int) Math.min(Math.max(position, 0), source.length())) - 1;
    }

    /** The snippet line {@code line} (from 1) as a cell line. */
    int cellLineOfSnippetLine(int line) {
        return firstLine + Math.max(line, 1) - 1;
    }
}
