package dev.fahr.command;

import dev.fahr.job.CostEstimate;

/** A launch's cost estimate as fit shows it: one line of text, bold where the notebook shows HTML, and its notes. */
final class CostText {

    private CostText() {
    }

    static void report(CommandOutput output, CostEstimate estimate) {
        // The cap, when set and checked, beside the bound it was checked against.
        String cap = estimate.maxCost().filter(max -> estimate.upperBound().isPresent() && !estimate.exceedsCap())
                .map(max -> "; within max_cost " + CostEstimate.usd(max)).orElse("");
        String text = "Cost: " + estimate.describe() + cap;
        String html = "<p><b>Cost</b>: " + escape(estimate.describe()).replaceFirst("= (at most \\$[0-9.,]+) ",
                "= <b>$1</b> ") + escape(cap) + "</p>";
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
