package dev.fahr.command;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.fahr.records.JobRecord;
import dev.fahr.workflow.UsageError;

/**
 * How metric values compare: {@code --sort=loss} ascending, {@code --sort=-accuracy} descending; without a
 * stated direction, the best of a metric is the lowest for names that read as a cost (loss, error, ...) and
 * the highest otherwise. Jobs without the value, and NaN, come last either way.
 *
 * @param metric     the metric's name
 * @param descending whether higher values come first
 */
record MetricSort(String metric, boolean descending) {

    private static final Pattern COST = Pattern.compile(
            ".*(loss|error|err|mse|mae|rmse|perplexity|latency|time|cost).*", Pattern.CASE_INSENSITIVE);

    /** {@code loss} or {@code +loss}: ascending; {@code -loss}: descending. */
    static MetricSort parse(String option) {
        String text = option.strip();
        boolean descending = text.startsWith("-");
        String name = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        if (name.isEmpty()) {
            throw new IllegalArgumentException("--sort takes a metric's name, e.g. --sort=loss or --sort=-accuracy");
        }
        return new MetricSort(name, descending);
    }

    /**
     * The order a {@code --sort} option asks for, over the jobs shown.
     *
     * @throws UsageError for a malformed option, or a metric that none of the jobs reported, all of them ended,
     *                    while some reported others (a typo, then; a running job may report it later)
     */
    static MetricSort forOption(String option, List<JobRecord> shown) {
        MetricSort sort;
        try {
            sort = parse(option);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        List<String> names = StatusTable.metricNames(shown);
        boolean allEnded = shown.stream().allMatch(r -> r.state().isTerminal());
        if (allEnded && !names.isEmpty() && !names.contains(sort.metric())) {
            throw new UsageError("no job shown reports the metric " + sort.metric() + "; they report "
                    + String.join(", ", names));
        }
        return sort;
    }

    /** The order in which the best value comes first, as the metric's name suggests. */
    static MetricSort bestFirst(String metric) {
        return new MetricSort(metric, !COST.matcher(metric.toLowerCase(Locale.ROOT)).matches());
    }

    /** Orders records by this metric, those without a finite value last. */
    Comparator<JobRecord> comparator() {
        Comparator<Double> values = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return Comparator.comparing((JobRecord r) -> finite(r).isEmpty())
                .thenComparing(r -> finite(r).orElse(0.0), values);
    }

    /** The record that comes first in this order, among those with a finite value. */
    Optional<JobRecord> first(List<JobRecord> records) {
        return records.stream().filter(r -> finite(r).isPresent()).min(comparator());
    }

    private Optional<Double> finite(JobRecord record) {
        return Optional.ofNullable(record.metrics().get(metric)).filter(Double::isFinite);
    }
}
