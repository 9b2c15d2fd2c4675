package dev.fahr.job;

import java.util.Optional;

/**
 * What a job has cost: for a running job, its time so far at the instance's price (it grows); for an ended
 * one, its billable time at that price. Managed spot bills less time than the job ran: that is its saving.
 *
 * @param usd         the amount
 * @param finished    whether the job has ended, so the amount is final
 * @param spotSavings for a spot job that ended, the share of its run time not billed (0.7 = 70% saved)
 */
public record JobCost(double usd, boolean finished, Optional<Double> spotSavings) {

    public JobCost {
        spotSavings = spotSavings == null ? Optional.empty() : spotSavings;
    }

    /** "$0.12", "$0.05 so far", "$0.07 (spot saved 70%)". */
    public String describe() {
        return CostEstimate.usd(usd) + (finished ? "" : " so far")
                + spotSavings.map(s -> " (spot saved " + Math.round(s * 100) + "%)").orElse("");
    }
}
