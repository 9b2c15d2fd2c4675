package dev.fahr.workflow;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.fahr.job.JobName;
import dev.fahr.job.JobState;
import dev.fahr.job.JobStatus;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;

/**
 * Asks the drivers how recorded jobs are doing, with one batched call per driver and settings group,
 * and writes what they say back into the records. Ended jobs are not asked again.
 */
public final class StatusWorkflow {

    /** A record younger than this that the driver does not know may still be being submitted. */
    static final Duration SUBMIT_GRACE = Duration.ofMinutes(2);

    /** Environment variable: the submit grace period in seconds, instead of {@link #SUBMIT_GRACE} (tests set it low). */
    public static final String SUBMIT_GRACE_ENV = "FAHR_SUBMIT_GRACE_SECONDS";

    private final DriverRegistry drivers;
    private final JobRecords records;
    private final Clock clock;
    private final Duration submitGrace;

    public StatusWorkflow(DriverRegistry drivers, JobRecords records, Clock clock) {
        this(drivers, records, clock, SUBMIT_GRACE);
    }

    public StatusWorkflow(DriverRegistry drivers, JobRecords records, Clock clock, Duration submitGrace) {
        this.drivers = drivers;
        this.records = records;
        this.clock = clock;
        this.submitGrace = submitGrace;
    }

    /** The grace period {@value #SUBMIT_GRACE_ENV} sets in {@code environment}, else {@link #SUBMIT_GRACE}. */
    public static Duration submitGrace(Map<String, String> environment) {
        String value = environment.get(SUBMIT_GRACE_ENV);
        if (value == null || value.isBlank()) {
            return SUBMIT_GRACE;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds >= 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw new IllegalArgumentException(SUBMIT_GRACE_ENV + " must be a number of seconds (0 or more), not '"
                + value + "'");
    }

    /** Refreshes the selected records (see {@link JobSelector}) and returns them, updated. */
    public List<JobRecord> refresh(List<String> selectors) {
        List<JobRecord> selected = JobSelector.select(records.all(), selectors, records.projectFolder());
        List<JobRecord> running = selected.stream().filter(r -> !r.state().isTerminal()).toList();
        Map<JobName, UnaryOperator<JobRecord>> changes = new LinkedHashMap<>();
        for (DriverGroup group : DriverGroup.of(running, drivers)) {
            Map<JobName, JobStatus> statuses = new LinkedHashMap<>();
            group.driver().status(group.names(), group.settings()).forEach(s -> statuses.put(s.name(), s));
            for (JobRecord record : group.jobs()) {
                JobStatus status = statuses.get(record.name());
                if (status != null) {
                    changes.put(record.name(), r -> r.withStatus(status, clock.instant()));
                } else if (!record.createdAt().plus(submitGrace).isAfter(clock.instant())) {
                    changes.put(record.name(), this::unknownToDriver);
                }
            }
        }
        // One locked rewrite of the records for the whole refresh, not one per job.
        Map<JobName, JobRecord> updated = changes.isEmpty() ? Map.of() : records.updateAll(changes);
        List<JobRecord> result = new ArrayList<>();
        for (JobRecord record : selected) {
            result.add(updated.getOrDefault(record.name(), record));
        }
        return result;
    }

    /**
     * The driver has no such job, and the record is older than a launch takes (a recent one may still be
     * under way): the launch never happened (the kernel stopped between recording and submitting), which
     * the record now says, so that nothing is silently lost and nothing is launched twice.
     */
    private JobRecord unknownToDriver(JobRecord record) {
        String reason = record.submitted()
                ? "the " + record.driver() + " driver no longer knows this job"
                : "never submitted: the launch was interrupted before the driver accepted it; run fit again";
        return record.toBuilder()
                .state(JobState.FAILED)
                .secondaryStatus(record.submitted() ? "Lost" : "NotSubmitted")
                .failureReason(reason)
                .updatedAt(clock.instant())
                .build();
    }
}
