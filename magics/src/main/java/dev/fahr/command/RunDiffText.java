package dev.fahr.command;

import java.util.List;

import dev.fahr.workflow.DiffWorkflow;

/** A {@link DiffWorkflow.RunDiff} as text (a unified diff for the cells) and as HTML (the same, coloured). */
final class RunDiffText {

    private RunDiffText() {
    }

    static String text(DiffWorkflow.RunDiff diff) {
        StringBuilder text = new StringBuilder(diff.a().name() + " vs " + diff.b().name() + "\n");
        section(text, "hyperparameters", diff.hyperparameters());
        section(text, "settings", diff.settings());
        section(text, "image", diff.image());
        section(text, "dependencies", diff.dependencies());
        diff.scriptsMissing().ifPresent(note -> text.append("notebook: ").append(note).append('\n'));
        if (diff.scriptsMissing().isEmpty()) {
            text.append("notebook: ").append(diff.cells().isEmpty() ? "the same cells"
                    : diff.cells().size() + (diff.cells().size() == 1 ? " cell differs" : " cells differ")).append('\n');
        }
        for (DiffWorkflow.CellChange cell : diff.cells()) {
            cell.unified().forEach(line -> text.append(line).append('\n'));
        }
        return text.toString().stripTrailing();
    }

    private static void section(StringBuilder text, String title, List<DiffWorkflow.Change> changes) {
        if (changes.isEmpty()) {
            text.append(title).append(": the same\n");
            return;
        }
        text.append(title).append(":\n");
        changes.forEach(c -> text.append("  ").append(c.name()).append(": ").append(shown(c.before())).append(" -> ")
                .append(shown(c.after())).append('\n'));
    }

    private static String shown(String value) {
        return value.isEmpty() ? "(none)" : value;
    }

    static String html(DiffWorkflow.RunDiff diff) {
        StringBuilder html = new StringBuilder("<div class=\"fahr-diff\"><p><b>").append(escape(diff.a().name().value()))
                .append("</b> vs <b>").append(escape(diff.b().name().value())).append("</b></p>");
        html.append("<table><tbody>");
        row(html, "hyperparameters", diff.hyperparameters());
        row(html, "settings", diff.settings());
        row(html, "image", diff.image());
        row(html, "dependencies", diff.dependencies());
        html.append("</tbody></table>");
        diff.scriptsMissing().ifPresent(note -> html.append("<p>").append(escape(note)).append("</p>"));
        if (diff.scriptsMissing().isEmpty() && diff.cells().isEmpty()) {
            html.append("<p>The notebooks' cells are the same.</p>");
        }
        for (DiffWorkflow.CellChange cell : diff.cells()) {
            html.append("<p><b>").append(escape(cell.label())).append("</b> ").append(cell.kind()).append("</p>")
                    .append("<pre style=\"margin:0\">");
            for (String line : cell.unified()) {
                if (line.startsWith("---") || line.startsWith("+++")) {
                    continue;
                }
                String colour = line.startsWith("+") ? "#e6ffec" : line.startsWith("-") ? "#ffebe9"
                        : line.startsWith("@@") ? "#ddf4ff" : "transparent";
                html.append("<div style=\"background:").append(colour).append("\">").append(escape(line))
                        .append("</div>");
            }
            html.append("</pre>");
        }
        return html.append("</div>").toString();
    }

    private static void row(StringBuilder html, String title, List<DiffWorkflow.Change> changes) {
        html.append("<tr><td style=\"text-align:left;vertical-align:top\">").append(title)
                .append("</td><td style=\"text-align:left\">");
        if (changes.isEmpty()) {
            html.append("the same");
        }
        for (DiffWorkflow.Change c : changes) {
            html.append(escape(c.name())).append(": <del>").append(escape(shown(c.before()))).append("</del> &rarr; <ins>")
                    .append(escape(shown(c.after()))).append("</ins><br>");
        }
        html.append("</td></tr>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
