package dev.fahr.command;

import java.util.ArrayList;
import java.util.List;

/** A {@link Table} as aligned plain text, for terminals and {@code text/plain} outputs. */
public final class TableText {

    private TableText() {
    }

    public static String render(Table table) {
        List<Integer> widths = new ArrayList<>();
        List<Integer> shown = new ArrayList<>();
        for (int c = 0; c < table.columns().size(); c++) {
            int width = table.columns().get(c).length();
            boolean empty = true;
            for (Table.Row row : table.rows()) {
                String text = cellText(row.cells().get(c));
                width = Math.max(width, text.length());
                empty &= text.isEmpty();
            }
            widths.add(width);
            if (!empty) {
                shown.add(c);
            }
        }
        StringBuilder out = new StringBuilder();
        if (!table.caption().isEmpty()) {
            out.append(table.caption()).append('\n');
        }
        appendLine(out, shown, widths, table.columns());
        String group = null;
        for (Table.Row row : table.rows()) {
            if (!row.group().isEmpty() && !row.group().equals(group)) {
                out.append("grid ").append(row.group()).append(":\n");
            }
            group = row.group();
            List<String> texts = row.cells().stream().map(TableText::cellText).toList();
            appendLine(out, shown, widths, texts);
            for (String note : row.notes()) {
                out.append("    ").append(note).append('\n');
            }
        }
        return out.toString().stripTrailing();
    }

    /** The best of a column is marked with a {@value #BEST} after it. */
    public static final String BEST = "*";

    private static String cellText(Table.Cell cell) {
        return (cell.link().isEmpty() ? cell.text() : cell.link()) + (cell.best() ? BEST : "");
    }

    private static void appendLine(StringBuilder out, List<Integer> shown, List<Integer> widths, List<String> texts) {
        StringBuilder line = new StringBuilder();
        for (int c : shown) {
            String text = texts.get(c);
            line.append(text).append(" ".repeat(widths.get(c) - text.length() + 2));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
