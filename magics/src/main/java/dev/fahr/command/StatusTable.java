package dev.fahr.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.fahr.job.CostEstimate;
import dev.fahr.job.JobCost;
import dev.fahr.job.JobName;
import dev.fahr.records.JobRecord;

/**
 * Job records as the status table shows them: status, secondary status, hyperparameters, one column per
 * metric (the latest value, the best of each grid marked), duration and a console link; jobs of one grid
 * together, in the order asked for; a failed job with its reason and last log lines below it.
 */
public final class StatusTable {

    public static final List<String> COLUMNS =
            List.of("job", "driver", "status", "detail", "hyperparameters", "duration", "console");

    private final Clock clock;
    private final Optional<MetricSort> sort;

    public StatusTable(Clock clock) {
        this(clock, Optional.empty());
    }

    StatusTable(Clock clock, Optional<MetricSort> sort) {
        this.clock = clock;
        this.sort = sort;
    }

    private static final String MALFORMED_HINT = "fahr-metric name=NAME value=VALUE [step=STEP]";

    /** Whether any of the jobs costs money: only then do tables and CSV have a cost column. */
    static boolean anyCostsMoney(List<JobRecord> records, Instant now) {
        return records.stream().anyMatch(r -> r.costAt(now).isPresent());
    }

    /** The metric names of {@code records}, in the order they first appear. */
    static List<String> metricNames(List<JobRecord> records) {
        Set<String> names = new LinkedHashSet<>();
        records.forEach(r -> names.addAll(r.metrics().keySet()));
        return List.copyOf(names);
    }

    public Table render(List<JobRecord> records, Map<JobName, List<String>> lastLogLines) {
        List<String> metrics = metricNames(records);
        List<String> columns = new ArrayList<>(COLUMNS.subList(0, 5));
        columns.addAll(metrics);
        columns.addAll(COLUMNS.subList(5, COLUMNS.size()));
        Instant now = clock.instant();
        // Jobs that cost money (SageMaker) get a cost column; a table of local jobs has none.
        boolean costs = anyCostsMoney(records, now);
        if (costs) {
            columns.add(columns.indexOf("duration") + 1, "cost");
        }
        Table.Builder table = Table.builder(columns.toArray(String[]::new));
        long running = records.stream().filter(r -> !r.state().isTerminal()).count();
        table.caption(records.size() + " job" + (records.size() == 1 ? "" : "s")
                + (running == 0 ? ", all ended" : ", " + running + " running")
                + sort.map(s -> ", by " + s.metric() + (s.descending() ? " (highest first)" : " (lowest first)"))
                        .orElse("")
                + (records.size() > 1 && !metrics.isEmpty() ? "; " + TableText.BEST + " best of its grid" : "")
                + (costs ? "; cost " + total(records, now) : ""));
        Map<String, List<JobRecord>> groups = new TreeMap<>();
        records.forEach(r -> groups.computeIfAbsent(r.grid().orElse(r.name().value()), k -> new ArrayList<>()).add(r));
        for (List<JobRecord> group : groups.values()) {
            sort.ifPresent(s -> group.sort(s.comparator()));
            Map<String, JobRecord> bestByMetric = new HashMap<>();
            if (group.size() > 1) {
                for (String metric : metrics) {
                    MetricSort order = sort.filter(s -> s.metric().equals(metric)).orElse(MetricSort.bestFirst(metric));
                    order.first(group).ifPresent(r -> bestByMetric.put(metric, r));
                }
            }
            for (JobRecord r : group) {
                List<Table.Cell> cells = new ArrayList<>(List.of(
                        Table.Cell.of(r.name().value()),
                        Table.Cell.of(r.driver()),
                        Table.Cell.of(r.state().label()),
                        Table.Cell.of(r.secondaryStatus()),
                        Table.Cell.of(summary(r.hyperparameters()))));
                for (String metric : metrics) {
                    Double value = r.metrics().get(metric);
                    String text = value == null ? "" : MetricFormat.of(value);
                    cells.add(r.equals(bestByMetric.get(metric)) ? Table.Cell.best(text) : Table.Cell.of(text));
                }
                cells.add(Table.Cell.of(duration(r)));
                if (costs) {
                    cells.add(Table.Cell.of(r.costAt(now).map(JobCost::describe).orElse("")));
                }
                cells.add(new Table.Cell(r.consoleUrl().isPresent() ? "console" : "", r.consoleUrl().orElse("")));
                emitRow(table, r, cells, lastLogLines);
            }
            if (costs && group.size() > 1 && group.get(0).grid().isPresent()) {
                List<Table.Cell> cells = new ArrayList<>();
                for (String column : columns) {
                    cells.add(Table.Cell.of(column.equals("job") ? "grid total" : column.equals("cost")
                            ? total(group, now) : ""));
                }
                table.row(group.get(0).grid().get(), cells, List.of());
            }
        }
        return table.build();
    }

    /** What the jobs cost together: "$0.69", "$0.12 so far" while one runs, "+ price unknown" for the rest. */
    private static String total(List<JobRecord> records, Instant now) {
        double sum = 0;
        boolean running = false;
        int unknown = 0;
        for (JobRecord r : records) {
            Optional<JobCost> cost = r.costAt(now);
            if (cost.isPresent()) {
                sum += cost.get().usd();
                running |= !cost.get().finished();
            } else {
                unknown++;
            }
        }
        return CostEstimate.usd(sum) + (running ? " so far" : "") + (unknown > 0 ? " + " + unknown + " unpriced" : "");
    }

    /**
     * A row, with notes below it: a failed job's reason and last log lines, and the metric lines it printed
     * malformed (so that a metric missing from the table has its cause shown).
     */
    private static void emitRow(Table.Builder table, JobRecord r, List<Table.Cell> cells,
                                Map<JobName, List<String>> lastLogLines) {
        List<String> notes = new ArrayList<>();
        r.failureReason().ifPresent(reason -> notes.add("reason: " + reason));
        if (r.interruptions() > 0) {
            notes.add("spot: the instance was reclaimed " + (r.interruptions() == 1 ? "once" : r.interruptions()
                    + " times") + "; the job restarted from its checkpoints");
        }
        notes.addAll(lastLogLines.getOrDefault(r.name(), List.of()));
        if (r.malformedMetricLines() > 0) {
            notes.add("metrics: " + r.malformedMetricLines() + " malformed line" + (r.malformedMetricLines() == 1
                    ? " was" : "s were") + " ignored; the format is: " + MALFORMED_HINT);
        }
        table.row(r.grid().orElse(""), cells, notes);
    }

    private String duration(JobRecord r) {
        if (r.startedAt().isEmpty()) {
            return "";
        }
        Instant end = r.endedAt().orElse(clock.instant());
        Duration d = Duration.between(r.startedAt().get(), end);
        long s = Math.max(0, d.getSeconds());
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }

    private static String summary(Map<String, String> hyperparameters) {
        StringBuilder text = new StringBuilder();
        hyperparameters.forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return text.toString();
    }
}
