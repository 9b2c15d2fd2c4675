package dev.fahr.magics;

import dev.fahr.command.Table;

/** A {@link Table} as an HTML table for notebooks: escaped text, links for consoles, notes under rows. */
final class TableHtml {

    private TableHtml() {
    }

    static String render(Table table) {
        StringBuilder html = new StringBuilder("<table class=\"fahr-table\">");
        if (!table.caption().isEmpty()) {
            html.append("<caption style=\"text-align:left\">").append(escape(table.caption())).append("</caption>");
        }
        html.append("<thead><tr>");
        table.columns().forEach(c -> html.append("<th style=\"text-align:left\">").append(escape(c)).append("</th>"));
        html.append("</tr></thead><tbody>");
        String group = null;
        for (Table.Row row : table.rows()) {
            if (!row.group().isEmpty() && !row.group().equals(group)) {
                html.append("<tr><td colspan=\"").append(table.columns().size())
                        .append("\"><b>grid ").append(escape(row.group())).append("</b></td></tr>");
            }
            group = row.group();
            html.append("<tr>");
            for (Table.Cell cell : row.cells()) {
                html.append("<td style=\"text-align:left\">");
                if (!cell.link().isEmpty()) {
                    html.append("<a href=\"").append(escape(cell.link())).append("\" target=\"_blank\">")
                            .append(escape(cell.text())).append("</a>");
                } else if (cell.best()) {
                    html.append("<b>").append(escape(cell.text())).append("</b> &#9733;");
                } else {
                    html.append(escape(cell.text()));
                }
                html.append("</td>");
            }
            html.append("</tr>");
            if (!row.notes().isEmpty()) {
                html.append("<tr><td></td><td colspan=\"").append(table.columns().size() - 1)
                        .append("\"><pre style=\"margin:0\">");
                row.notes().forEach(n -> html.append(escape(n)).append('\n'));
                html.append("</pre></td></tr>");
            }
        }
        return html.append("</tbody></table>").toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
