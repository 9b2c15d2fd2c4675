package dev.fahr.job;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a launch may cost, before it starts: the instance's price times the instance count, and at most
 * that times {@code max_runtime} times the number of jobs. Spot capacity costs at most the on-demand price.
 *
 * @param price        empty when no price is known for the instance type (never a reason to refuse a launch)
 * @param maxCost      the user's cap ({@code max_cost}), if set
 * @param suggestions  for a price that is unknown because the instance type is not one fahr knows: the
 *                     closest names it knows
 * @param notes        what the price had to fall back on, one line each (the Price List API not answering)
 */
public record CostEstimate(String instanceType, int instanceCount, boolean spot, Duration maxRuntime, int jobs,
                           Optional<Price> price, Optional<Double> maxCost, List<String> suggestions,
                           List<String> notes) {

    public CostEstimate {
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(maxRuntime, "maxRuntime");
        price = price == null ? Optional.empty() : price;
        maxCost = maxCost == null ? Optional.empty() : maxCost;
        suggestions = List.copyOf(suggestions);
        notes = List.copyOf(notes);
    }

    /** Price per hour of one job (all its instances), when known. */
    public Optional<Double> hourly() {
        return price.map(p -> p.usdPerHour() * instanceCount);
    }

    /** The most the launch can cost: every job running its whole {@code max_runtime}. */
    public Optional<Double> upperBound() {
        return hourly().map(h -> h * hours() * jobs);
    }

    /** Whether the upper bound is known and above the cap. */
    public boolean exceedsCap() {
        return maxCost.isPresent() && upperBound().map(bound -> bound > maxCost.get()).orElse(false);
    }

    private double hours() {
        return maxRuntime.toSeconds() / 3600.0;
    }

    /**
     * "3 jobs × 1 ml.m5.xlarge ($0.23/h) × at most 24 h = at most $16.56 (price list of 2026-12-03)", or the
     * same with "price unknown".
     */
    public String describe() {
        String what = jobs + (jobs == 1 ? " job" : " jobs") + " × " + instanceCount + " " + instanceType;
        String runtime = "at most " + duration(maxRuntime);
        if (price.isEmpty()) {
            return what + " × " + runtime + ": price unknown" + (suggestions.isEmpty() ? ""
                    : " (not an instance type fahr knows; did you mean " + String.join(", ", suggestions) + "?)");
        }
        return what + " (" + (spot ? "spot, at most " : "") + usd(price.get().usdPerHour()) + "/h) × " + runtime
                + " = at most " + usd(upperBound().orElseThrow()) + " (" + price.get().provenance() + ")";
    }

    public static String usd(double amount) {
        return amount >= 100 ? String.format(Locale.ROOT, "$%,.0f", amount)
                : amount >= 0.01 || amount == 0 ? String.format(Locale.ROOT, "$%.2f", amount)
                : String.format(Locale.ROOT, "$%.4f", amount);
    }

    static String duration(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 60) {
            return Math.max(1, minutes) + " min";
        }
        long hours = duration.toHours();
        long rest = minutes - hours * 60;
        return rest == 0 ? hours + " h" : hours + " h " + rest + " min";
    }
}
