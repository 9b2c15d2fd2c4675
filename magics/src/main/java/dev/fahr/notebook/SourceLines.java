package dev.fahr.notebook;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits cell sources into the list-of-lines form nbformat writes. Line ends are the ones of Python's
 * {@code str.splitlines(keepends=True)}, which nbformat uses, so a file it wrote comes back identical.
 */
final class SourceLines {

    private SourceLines() {
    }

    static List<String> split(String source) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\r' && i + 1 < source.length() && source.charAt(i + 1) == '\n') {
                i += 2;
                lines.add(source.substring(start, i));
                start = i;
            } else if (isPythonLineBoundary(c)) {
                i++;
                lines.add(source.substring(start, i));
                start = i;
            } else {
                i++;
            }
        }
        if (start < source.length()) {
            lines.add(source.substring(start));
        }
        return lines;
    }

    private static boolean isPythonLineBoundary(char c) {
        return switch (c) {
            case '\n', '\r', '\u000b', '\u000c', '\u001c', '\u001d', '\u001e', '\u0085', '\u2028', '\u2029' -> true;
            default -> false;
        };
    }
}
