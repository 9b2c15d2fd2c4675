package dev.fahr.workflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.fahr.records.JobRecord;

/**
 * Picks records by what a user types: a full job name, a unique prefix of one, a grid id (all jobs
 * of one hyperparameter grid), or {@code latest}: the jobs of the latest launch (one job, or its whole grid).
 * No selector means the latest jobs.
 */
public final class JobSelector {

    /** The selector for the jobs of the latest launch, so a notebook can name them before it knows their names. */
    public static final String LATEST = "latest";

    private static final int DEFAULT_LATEST = 20;

    private JobSelector() {
    }

    /**
     * @param project the folder whose records these are: a selector that matches none names it, since a job
     *     launched from another folder without a shared .git or records above it is recorded there instead
     */
    public static List<JobRecord> select(List<JobRecord> records, List<String> selectors, Path project) {
        if (selectors.isEmpty()) {
            return records.subList(Math.max(0, records.size() - DEFAULT_LATEST), records.size());
        }
        Set<JobRecord> chosen = new LinkedHashSet<>();
        for (String selector : selectors) {
            List<JobRecord> matches = matches(records, selector);
            if (matches.isEmpty()) {
                throw noMatch(selector, project);
            }
            chosen.addAll(matches);
        }
        return new ArrayList<>(chosen);
    }

    /** Exactly one job, for commands that act on one (logs, fetch). */
    public static JobRecord one(List<JobRecord> records, String selector, Path project) {
        List<JobRecord> matches = matches(records, selector);
        if (matches.isEmpty()) {
            throw noMatch(selector, project);
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("'" + selector + "' matches " + matches.size() + " jobs ("
                    + matches.get(0).name() + ", " + matches.get(1).name() + ", ...); give more of the name");
        }
        return matches.get(0);
    }

    private static IllegalArgumentException noMatch(String selector, Path project) {
        return new IllegalArgumentException("no recorded job matches '" + selector + "' in the project at " + project
                + " (the nearest folder up with .git or .fahr/jobs.json); %fahr_status (or fahr status) lists its jobs");
    }

    private static List<JobRecord> matches(List<JobRecord> records, String selector) {
        List<JobRecord> exact = records.stream().filter(r -> r.name().value().equals(selector)).toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        if (selector.equals(LATEST) && !records.isEmpty()) {
            JobRecord newest = records.get(records.size() - 1);
            return newest.grid().isEmpty() ? List.of(newest)
                    : records.stream().filter(r -> r.grid().equals(newest.grid())).toList();
        }
        List<JobRecord> grid = records.stream().filter(r -> r.grid().map(selector::equals).orElse(false)).toList();
        if (!grid.isEmpty()) {
            return grid;
        }
        return records.stream().filter(r -> r.name().value().startsWith(selector)).toList();
    }
}
