package dev.fahr.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fahr.job.JobName;
import dev.fahr.records.JobRecord;

/**
 * Job records as the status table shows them: status, secondary status, hyperparameters, duration and
 * a console link; jobs of one grid together; a failed job with its reason and last log lines below it.
 */
public final class StatusTable {

    public static final List<String> COLUMNS =
            List.of("job", "driver", "status", "detail", "hyperparameters", "duration", "console");

    private final Clock clock;

    public StatusTable(Clock clock) {
        this.clock = clock;
    }

    public Table render(List<JobRecord> records, Map<JobName, List<String>> lastLogLines) {
        Table.Builder table = Table.builder(COLUMNS.toArray(String[]::new));
        long running = records.stream().filter(r -> !r.state().isTerminal()).count();
        table.caption(records.size() + " job" + (records.size() == 1 ? "" : "s")
                + (running == 0 ? ", all ended" : ", " + running + " running"));
        List<JobRecord> ordered = new ArrayList<>(records);
        ordered.sort((a, b) -> a.grid().orElse(a.name().value()).compareTo(b.grid().orElse(b.name().value())));
        for (JobRecord r : ordered) {
            List<Table.Cell> cells = List.of(
                    Table.Cell.of(r.name().value()),
                    Table.Cell.of(r.driver()),
                    Table.Cell.of(r.state().label()),
                    Table.Cell.of(r.secondaryStatus()),
                    Table.Cell.of(summary(r.hyperparameters())),
                    Table.Cell.of(duration(r)),
                    new Table.Cell(r.consoleUrl().isPresent() ? "console" : "", r.consoleUrl().orElse("")));
            List<String> notes = new ArrayList<>();
            r.failureReason().ifPresent(reason -> notes.add("reason: " + reason));
            notes.addAll(lastLogLines.getOrDefault(r.name(), List.of()));
            table.row(r.grid().orElse(""), cells, notes);
        }
        return table.build();
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
