package dev.fahr.workflow;

import dev.fahr.job.CostEstimate;

/**
 * A launch that could cost more than {@code max_cost}, refused before anything is built, pushed or launched;
 * the message shows the numbers and the ways out.
 */
public final class CostCapExceeded extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CostCapExceeded(CostEstimate estimate) {
        super(message(estimate));
    }

    private static String message(CostEstimate estimate) {
        return "not launched: " + estimate.describe() + ", over max_cost " + CostEstimate.usd(estimate.maxCost()
                .orElseThrow()) + ". Launch fewer combinations (" + estimate.jobs() + " now), a smaller max_runtime"
                + " (--config.max_runtime=SECONDS), or a cheaper --config.instance_type; or raise --config.max_cost";
    }
}
