package dev.fahr.job;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a driver knows of a job right now. {@code secondaryStatus} is the driver's finer phase
 * (SageMaker's SecondaryStatus, or the container's state for the local driver); {@code metrics} are the
 * latest value of each metric the job reported so far (its final values once it ended), empty when the
 * driver has none to tell; {@code malformedMetricLines} counts the lines that looked like metric lines but
 * were not, which were ignored; {@code cost} is what the job has cost so far, where jobs cost money;
 * {@code interruptions} counts the times a managed-spot job's instance was reclaimed and the job restarted.
 */
public record JobStatus(
        JobName name,
        JobState state,
        String secondaryStatus,
        Optional<String> failureReason,
        Optional<Instant> startedAt,
        Optional<Instant> endedAt,
        Optional<URI> consoleUrl,
        Map<String, Double> metrics,
        int malformedMetricLines,
        Optional<JobCost> cost,
        int interruptions) {

    public JobStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        secondaryStatus = secondaryStatus == null ? "" : secondaryStatus;
        failureReason = failureReason == null ? Optional.empty() : failureReason;
        startedAt = startedAt == null ? Optional.empty() : startedAt;
        endedAt = endedAt == null ? Optional.empty() : endedAt;
        consoleUrl = consoleUrl == null ? Optional.empty() : consoleUrl;
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        cost = cost == null ? Optional.empty() : cost;
    }

    public static Builder builder(JobName name, JobState state) {
        return new Builder(name, state);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, state);
        b.secondaryStatus = secondaryStatus;
        b.failureReason = failureReason.orElse(null);
        b.startedAt = startedAt.orElse(null);
        b.endedAt = endedAt.orElse(null);
        b.consoleUrl = consoleUrl.orElse(null);
        b.metrics = metrics;
        b.malformedMetricLines = malformedMetricLines;
        b.cost = cost.orElse(null);
        b.interruptions = interruptions;
        return b;
    }

    /** Builds a {@link JobStatus}; only name and state are required. */
    public static final class Builder {
        private final JobName name;
        private final JobState state;
        private String secondaryStatus = "";
        private String failureReason;
        private Instant startedAt;
        private Instant endedAt;
        private URI consoleUrl;
        private Map<String, Double> metrics = Map.of();
        private int malformedMetricLines;
        private JobCost cost;
        private int interruptions;

        private Builder(JobName name, JobState state) {
            this.name = name;
            this.state = state;
        }

        public Builder secondaryStatus(String value) {
            this.secondaryStatus = value;
            return this;
        }

        public Builder failureReason(String value) {
            this.failureReason = value;
            return this;
        }

        public Builder startedAt(Instant value) {
            this.startedAt = value;
            return this;
        }

        public Builder endedAt(Instant value) {
            this.endedAt = value;
            return this;
        }

        public Builder consoleUrl(URI value) {
            this.consoleUrl = value;
            return this;
        }

        /** The latest value of each metric, by name. */
        public Builder metrics(Map<String, Double> value) {
            this.metrics = value;
            return this;
        }

        /** How many metric lines the job printed malformed (and were ignored). */
        public Builder malformedMetricLines(int value) {
            this.malformedMetricLines = value;
            return this;
        }

        /** What the job has cost so far (its final cost once it ended). */
        /** How often the job's spot instance was reclaimed and the job restarted from its checkpoints. */
        public Builder interruptions(int value) {
            this.interruptions = value;
            return this;
        }

        public Builder cost(JobCost value) {
            this.cost = value;
            return this;
        }

        public JobStatus build() {
            return new JobStatus(name, state, secondaryStatus, Optional.ofNullable(failureReason),
                    Optional.ofNullable(startedAt), Optional.ofNullable(endedAt), Optional.ofNullable(consoleUrl),
                    metrics, malformedMetricLines, Optional.ofNullable(cost), interruptions);
        }
    }
}
