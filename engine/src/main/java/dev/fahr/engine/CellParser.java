package dev.fahr.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a cell into Java code and magics, without a kernel, so that it is testable on its own.
 *
 * <p>Magics are recognised only at the start of a line (after indentation), which Java code never
 * starts with {@code %}. The cell is never rewritten into other source: magics are evaluated by the
 * kernel as what they are.
 */
public final class CellParser {

    private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%(?!%)([A-Za-z_][\\w.-]*)(.*)$");
    private static final Pattern CELL_MAGIC = Pattern.compile("^\\s*%%([A-Za-z_][\\w.-]*)(.*)$");

    public List<CellPart> parse(String cell) {
        String[] lines = cell.split("\n", -1);
        List<CellPart> parts = new ArrayList<>();
        int first = firstNonBlank(lines);
        if (first >= 0) {
            Matcher cellMagic = CELL_MAGIC.matcher(lines[first]);
            if (cellMagic.matches()) {
                String body = String.join("\n", java.util.Arrays.copyOfRange(lines, first + 1, lines.length));
                String raw = cellMagic.group(2).strip();
                parts.add(new CellPart.CellMagic(cellMagic.group(1), ArgumentSplitter.split(raw), raw, body));
                return parts;
            }
        }
        List<String> code = new ArrayList<>();
        int codeStart = 1;
        for (int i = 0; i < lines.length; i++) {
            Matcher lineMagic = LINE_MAGIC.matcher(lines[i]);
            if (lineMagic.matches()) {
                flushCode(parts, code, codeStart);
                String raw = lineMagic.group(2).strip();
                parts.add(new CellPart.LineMagic(lineMagic.group(1), ArgumentSplitter.split(raw), raw, i + 1));
                codeStart = i + 2;
            } else {
                code.add(lines[i]);
            }
        }
        flushCode(parts, code, codeStart);
        return parts;
    }

    /** The code lines since the last magic, from their first non-blank line, which is where errors count from. */
    private static void flushCode(List<CellPart> parts, List<String> code, int firstLine) {
        int first = 0;
        while (first < code.size() && code.get(first).isBlank()) {
            first++;
        }
        if (first < code.size()) {
            parts.add(new CellPart.Code(String.join("\n", code.subList(first, code.size())), firstLine + first));
        }
        code.clear();
    }

    private static int firstNonBlank(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                return i;
            }
        }
        return -1;
    }
}
