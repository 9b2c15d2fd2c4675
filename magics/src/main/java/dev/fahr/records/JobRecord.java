package dev.fahr.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.fahr.job.JobCost;
import dev.fahr.job.JobName;
import dev.fahr.job.JobState;
import dev.fahr.job.JobStatus;

/**
 * What the project remembers of one job. Written before the job is submitted and updated afterwards,
 * so that a kernel killed in between loses nothing: {@link #submitted()} tells whether the driver was
 * ever asked to run it. It keeps what comparing two runs needs: the hyperparameters and settings, the
 * image digest, the exported script (by its SHA-256, the file kept under {@code .fahr/scripts/}), the
 * dependency versions, and the latest (at the end, the final) value of each metric.
 */
public record JobRecord(
        JobName name,
        String driver,
        String notebook,
        String jobFolder,
        String image,
        Optional<String> imageDigest,
        Map<String, String> hyperparameters,
        Map<String, String> settings,
        Optional<String> grid,
        Instant createdAt,
        boolean submitted,
        JobState state,
        String secondaryStatus,
        Optional<String> failureReason,
        Optional<Instant> startedAt,
        Optional<Instant> endedAt,
        Optional<String> consoleUrl,
        Instant updatedAt,
        Optional<String> scriptSha256,
        List<String> dependencies,
        Map<String, Double> metrics,
        int malformedMetricLines,
        Optional<JobCost> cost,
        Optional<Double> hourlyUsd,
        int interruptions) {

    public JobRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(state, "state");
        hyperparameters = Map.copyOf(hyperparameters);
        settings = Map.copyOf(settings);
        notebook = notebook == null ? "" : notebook;
        jobFolder = jobFolder == null ? "" : jobFolder;
        image = image == null ? "" : image;
        secondaryStatus = secondaryStatus == null ? "" : secondaryStatus;
        imageDigest = imageDigest == null ? Optional.empty() : imageDigest;
        grid = grid == null ? Optional.empty() : grid;
        failureReason = failureReason == null ? Optional.empty() : failureReason;
        startedAt = startedAt == null ? Optional.empty() : startedAt;
        endedAt = endedAt == null ? Optional.empty() : endedAt;
        consoleUrl = consoleUrl == null ? Optional.empty() : consoleUrl;
        updatedAt = updatedAt == null ? createdAt : updatedAt;
        scriptSha256 = scriptSha256 == null ? Optional.empty() : scriptSha256;
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        cost = cost == null ? Optional.empty() : cost;
        hourlyUsd = hourlyUsd == null ? Optional.empty() : hourlyUsd;
    }

    public static Builder builder(JobName name, String driver, Instant createdAt) {
        return new Builder(name, driver, createdAt);
    }

    /**
     * This record as the driver last reported the job, at {@code now}: submitted, with the driver's state.
     * A start time, console link or metrics the report lacks are kept from before (drivers forget them once a
     * job ends).
     */
    public JobRecord withStatus(JobStatus status, Instant now) {
        return toBuilder()
                .submitted(true)
                .state(status.state())
                .secondaryStatus(status.secondaryStatus())
                .failureReason(status.failureReason().orElse(null))
                .startedAt(status.startedAt().orElse(startedAt.orElse(null)))
                .endedAt(status.endedAt().orElse(null))
                .consoleUrl(status.consoleUrl().map(Object::toString).orElse(consoleUrl.orElse(null)))
                .metrics(status.metrics().isEmpty() ? metrics : status.metrics())
                .malformedMetricLines(Math.max(malformedMetricLines, status.malformedMetricLines()))
                .cost(status.cost().or(() -> cost).orElse(null))
                .interruptions(Math.max(interruptions, status.interruptions()))
                .updatedAt(now)
                .build();
    }

    /**
     * What the job has cost: the final amount once its driver reported it, else, while it runs, its launch's
     * hourly price times its time so far; empty where jobs cost nothing or no price was known.
     */
    public Optional<JobCost> costAt(Instant now) {
        if (cost.isPresent()) {
            return cost;
        }
        if (hourlyUsd.isEmpty() || startedAt.isEmpty() || state.isTerminal()) {
            return Optional.empty();
        }
        double hours = Math.max(0, java.time.Duration.between(startedAt.get(), now).toMillis()) / 3_600_000.0;
        return Optional.of(new JobCost(hourlyUsd.get() * hours, false, Optional.empty()));
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, driver, createdAt);
        b.notebook = notebook;
        b.jobFolder = jobFolder;
        b.image = image;
        b.imageDigest = imageDigest.orElse(null);
        b.hyperparameters.putAll(hyperparameters);
        b.settings.putAll(settings);
        b.grid = grid.orElse(null);
        b.submitted = submitted;
        b.state = state;
        b.secondaryStatus = secondaryStatus;
        b.failureReason = failureReason.orElse(null);
        b.startedAt = startedAt.orElse(null);
        b.endedAt = endedAt.orElse(null);
        b.consoleUrl = consoleUrl.orElse(null);
        b.updatedAt = updatedAt;
        b.scriptSha256 = scriptSha256.orElse(null);
        b.dependencies.addAll(dependencies);
        b.metrics.putAll(metrics);
        b.malformedMetricLines = malformedMetricLines;
        b.interruptions = interruptions;
        b.cost = cost.orElse(null);
        b.hourlyUsd = hourlyUsd.orElse(null);
        return b;
    }

    /** Builds a {@link JobRecord}; a new record is PENDING and not submitted. */
    public static final class Builder {
        private final JobName name;
        private final String driver;
        private final Instant createdAt;
        private String notebook = "";
        private String jobFolder = "";
        private String image = "";
        private String imageDigest;
        private final Map<String, String> hyperparameters = new LinkedHashMap<>();
        private final Map<String, String> settings = new LinkedHashMap<>();
        private String grid;
        private boolean submitted;
        private JobState state = JobState.PENDING;
        private String secondaryStatus = "";
        private String failureReason;
        private Instant startedAt;
        private Instant endedAt;
        private String consoleUrl;
        private Instant updatedAt;
        private String scriptSha256;
        private final List<String> dependencies = new ArrayList<>();
        private final Map<String, Double> metrics = new LinkedHashMap<>();
        private int malformedMetricLines;
        private int interruptions;
        private JobCost cost;
        private Double hourlyUsd;

        private Builder(JobName name, String driver, Instant createdAt) {
            this.name = name;
            this.driver = driver;
            this.createdAt = createdAt;
        }

        public Builder notebook(String value) {
            this.notebook = value;
            return this;
        }

        public Builder jobFolder(String value) {
            this.jobFolder = value;
            return this;
        }

        public Builder image(String value) {
            this.image = value;
            return this;
        }

        public Builder imageDigest(String value) {
            this.imageDigest = value;
            return this;
        }

        public Builder hyperparameters(Map<String, String> value) {
            this.hyperparameters.clear();
            this.hyperparameters.putAll(value);
            return this;
        }

        public Builder settings(Map<String, String> value) {
            this.settings.clear();
            this.settings.putAll(value);
            return this;
        }

        public Builder grid(String value) {
            this.grid = value;
            return this;
        }

        public Builder submitted(boolean value) {
            this.submitted = value;
            return this;
        }

        public Builder state(JobState value) {
            this.state = value;
            return this;
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

        public Builder consoleUrl(String value) {
            this.consoleUrl = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            this.updatedAt = value;
            return this;
        }

        /** The SHA-256 of the exported script the job ran, kept under {@code .fahr/scripts/}. */
        public Builder scriptSha256(String value) {
            this.scriptSha256 = value;
            return this;
        }

        /** The dependencies the image carries, as exact coordinates ({@code g:a:v}) or jar names. */
        public Builder dependencies(List<String> value) {
            this.dependencies.clear();
            this.dependencies.addAll(value);
            return this;
        }

        /** The latest value of each metric, by name. */
        public Builder metrics(Map<String, Double> value) {
            this.metrics.clear();
            this.metrics.putAll(value);
            return this;
        }

        /** How many metric lines the job printed malformed (and were ignored). */
        /** How often the job's spot instance was reclaimed and the job restarted from its checkpoints. */
        public Builder interruptions(int value) {
            this.interruptions = value;
            return this;
        }

        public Builder malformedMetricLines(int value) {
            this.malformedMetricLines = value;
            return this;
        }

        /** What the job has cost (so far, while it runs), where jobs cost money. */
        public Builder cost(JobCost value) {
            this.cost = value;
            return this;
        }

        /** What the job's instances cost per hour, as its launch priced them: its cost so far while it runs. */
        public Builder hourlyUsd(Double value) {
            this.hourlyUsd = value;
            return this;
        }

        public JobRecord build() {
            return new JobRecord(name, driver, notebook, jobFolder, image, Optional.ofNullable(imageDigest),
                    hyperparameters, settings, Optional.ofNullable(grid), createdAt, submitted, state,
                    secondaryStatus, Optional.ofNullable(failureReason), Optional.ofNullable(startedAt),
                    Optional.ofNullable(endedAt), Optional.ofNullable(consoleUrl), updatedAt,
                    Optional.ofNullable(scriptSha256), dependencies, metrics, malformedMetricLines,
                    Optional.ofNullable(cost), Optional.ofNullable(hourlyUsd), interruptions);
        }
    }
}
