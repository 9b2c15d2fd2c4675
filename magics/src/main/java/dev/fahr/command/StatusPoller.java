package dev.fahr.command;

import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.fahr.job.JobName;
import dev.fahr.job.JobState;
import dev.fahr.records.JobRecord;
import dev.fahr.workflow.StatusWorkflow;

/**
 * Keeps a status table up to date in place from a background thread, so the user can run other cells
 * meanwhile, and stops when every job shown has ended. A failed job gets its last log lines once.
 */
final class StatusPoller {

    private static final int FAILED_LOG_LINES = 5;
    /** How long a wait that saw its jobs end gives the views above to redraw before its cell ends. */
    private static final Duration REDRAWS_AWAITED = Duration.ofSeconds(5);

    private final FahrContext context;
    private final StatusWorkflow workflow;
    private final List<String> selectors;
    private final Map<JobName, List<String>> lastLines = new HashMap<>();

    private final Optional<MetricSort> sort;

    StatusPoller(FahrContext context, StatusWorkflow workflow, List<String> selectors, Optional<MetricSort> sort) {
        this.context = context;
        this.workflow = workflow;
        this.selectors = selectors;
        this.sort = sort;
    }

    Table render(List<JobRecord> records) {
        for (JobRecord record : records) {
            if (record.state() == JobState.FAILED && record.submitted() && !lastLines.containsKey(record.name())) {
                lastLines.put(record.name(), lastLogLines(record));
            }
        }
        return new StatusTable(context.clock(), sort).render(records, lastLines);
    }

    private List<String> lastLogLines(JobRecord record) {
        return Workflows.logs(context).lastLines(record, FAILED_LOG_LINES).stream().map(line -> "log: " + line).toList();
    }

    /**
     * Refreshes on this thread until every job shown has ended, redrawing one table in place when {@code show};
     * returns the records as they ended. An interrupt stops the waiting, not the jobs.
     */
    List<JobRecord> waitUntilEnded(List<JobRecord> first, boolean show) {
        CommandOutput.LiveView view = show ? context.output().live() : null;
        try {
            List<JobRecord> records = first;
            if (view != null) {
                view.table(render(records));
            }
            int failed = 0;
            while (!records.stream().allMatch(r -> r.state().isTerminal())) {
                context.pacer().pause(LiveLoop.period(context));
                try {
                    records = workflow.refresh(selectors);
                    failed = 0;
                } catch (RuntimeException e) {
                    // A passing fault (throttling, a 5xx, a dropped connection) must not end a long wait.
                    if (++failed >= LiveLoop.FAILURES_IN_A_ROW) {
                        throw e;
                    }
                }
                if (view != null) {
                    view.table(render(records));
                }
            }
            // The charts and tables drawn above follow the same jobs: they redraw now, not an interval later,
            // and before this cell ends.
            context.pacer().wake(REDRAWS_AWAITED);
            return records;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped waiting; the jobs go on (status shows them)", e);
        } finally {
            if (view != null) {
                view.close();
            }
            context.pacer().leaving();
        }
    }

    /** After {@code --wait}: fails, naming them, when any job ended other than completed. */
    static void requireCompleted(List<JobRecord> records) {
        List<String> unfinished = records.stream().filter(r -> r.state() != JobState.COMPLETED)
                .map(r -> r.name() + " " + r.state().label() + r.failureReason().map(f -> " (" + f + ")").orElse(""))
                .toList();
        if (!unfinished.isEmpty()) {
            throw new IllegalStateException(unfinished.size() + " of " + records.size() + " jobs did not complete: "
                    + String.join("; ", unfinished));
        }
    }

    /** Shows the table and, unless every job has ended, keeps refreshing it on a daemon thread. */
    void startLive(List<JobRecord> first) {
        CommandOutput.LiveView view = context.output().live();
        view.table(render(first));
        if (first.stream().allMatch(r -> r.state().isTerminal())) {
            view.close();
            return;
        }
        AtomicReference<List<JobRecord>> last = new AtomicReference<>(first);
        LiveLoop.start(context, view, "status", live -> {
            List<JobRecord> records = workflow.refresh(selectors);
            last.set(records);
            live.table(render(records));
            return records.stream().allMatch(r -> r.state().isTerminal());
        }, (live, message) -> {
            // The last table stays; its caption says the refresh failed and that it is retried.
            Table table = render(last.get());
            live.table(new Table(table.caption() + (table.caption().isEmpty() ? "" : "; ") + "refresh failed at "
                    + LocalTime.now(context.clock()).withNano(0) + " (" + message + "), retrying",
                    table.columns(), table.rows()));
        });
    }
}
