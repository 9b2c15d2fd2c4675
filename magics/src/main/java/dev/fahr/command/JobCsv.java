package dev.fahr.command;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.fahr.records.JobRecord;

/**
 * Jobs as {@code --csv} writes them for spreadsheets (RFC 4180): one row per job, one column per
 * hyperparameter and per metric, and the cost where jobs cost money; values as written (metrics in full precision, NaN as text).
 */
final class JobCsv {

    private JobCsv() {
    }

    /** @param now the clock's time: a running job's cost so far depends on it */
    static String toCsv(List<JobRecord> records, Instant now) {
        Set<String> hyperparameters = new LinkedHashSet<>();
        records.forEach(r -> hyperparameters.addAll(r.hyperparameters().keySet()));
        List<String> metrics = StatusTable.metricNames(records);
        List<String> header = new ArrayList<>(List.of("job", "grid", "driver", "status", "started_at", "ended_at",
                "duration_seconds"));
        boolean costs = StatusTable.anyCostsMoney(records, now);
        if (costs) {
            header.add("cost_usd");
        }
        hyperparameters.forEach(name -> header.add("hp:" + name));
        metrics.forEach(name -> header.add("metric:" + name));
        StringBuilder csv = new StringBuilder();
        line(csv, header);
        for (JobRecord r : records) {
            List<String> row = new ArrayList<>(List.of(r.name().value(), r.grid().orElse(""), r.driver(),
                    r.state().name(), r.startedAt().map(Object::toString).orElse(""),
                    r.endedAt().map(Object::toString).orElse(""),
                    r.startedAt().flatMap(start -> r.endedAt().map(end -> Duration.between(start, end).getSeconds()))
                            .map(String::valueOf).orElse("")));
            if (costs) {
                row.add(r.costAt(now).map(cost -> String.valueOf(cost.usd())).orElse(""));
            }
            hyperparameters.forEach(name -> row.add(r.hyperparameters().getOrDefault(name, "")));
            metrics.forEach(name -> row.add(r.metrics().containsKey(name) ? String.valueOf(r.metrics().get(name)) : ""));
            line(csv, row);
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            csv.append(i == 0 ? "" : ",");
            if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
                csv.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                csv.append(value);
            }
        }
        csv.append("\r\n");
    }
}
