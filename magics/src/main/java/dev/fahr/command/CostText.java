package dev.fahr.command;

import dev.fahr.job.CostEstimate;

/** A launch's cost estimate as fit shows it: one line of text, bold where the notebook shows HTML, and its notes. */
final class CostText {

    private CostText() {
    }

    static void report(CommandOutput output, CostEstimate estimate) {
        String text = "Cost: " + estimate.describe();
        String html = "<p><b>Cost</b>: " + escape(estimate.describe()).replaceFirst("(at most \\$[0-9.,]+)$",
                "<b>$1</b>").replaceFirst("= (at most \\$[0-9.,]+) ", "= <b>$1</b> ") + "</p>";
        output.document(text, html);
        estimate.notes().forEach(output::warn);
        if (estimate.maxCost().isPresent() && estimate.price().isEmpty()) {
            output.warn("max_cost " + CostEstimate.usd(estimate.maxCost().get()) + " is not checked: the price of "
                    + estimate.instanceType() + " is unknown");
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
