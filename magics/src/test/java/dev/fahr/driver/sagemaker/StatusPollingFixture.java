package dev.fahr.driver.sagemaker;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.fahr.driver.FetchResult;
import dev.fahr.driver.LogRequest;
import dev.fahr.driver.LogSink;
import dev.fahr.driver.MetricNamesSetting;
import dev.fahr.driver.ProgressListener;
import dev.fahr.driver.TrainingDriver;
import dev.fahr.job.ImageDestination;
import dev.fahr.job.ImageRef;
import dev.fahr.job.JobName;
import dev.fahr.job.JobSpec;
import dev.fahr.job.JobStatus;
import dev.fahr.settings.Settings;
import dev.fahr.settings.SettingsSchema;

/**
 * For the status-refresh benchmark (dev.fahr.bench.StatusRefreshBenchmark): the SageMaker driver against the
 * protocol test server, whose fake registers jobs without running them, so they stay in progress, each with
 * metrics in the fake CloudWatch as a running job's log would have put there; the driver's batched status
 * and the baseline of one DescribeTrainingJob and one GetMetricData per job; and the server's call counts.
 */
public final class StatusPollingFixture implements AutoCloseable {

    private static final ImageRef PUSHED = ImageRef.of("127.0.0.1:9/fahr-bench:abc").withDigest("sha256:" + "2".repeat(64));

    private final SageMakerTestEnvironment aws;
    private final AwsSession session;
    private final TrainingJobStatusPoller poller;

    private StatusPollingFixture(SageMakerTestEnvironment aws) {
        this.aws = aws;
        aws.sageMaker.withoutRunningJobs();
        this.session = openSession(aws, Optional.of(SageMakerTestEnvironment.REGION));
        this.poller = new TrainingJobStatusPoller(session.sageMaker(), SageMakerTestEnvironment.REGION);
    }

    public static StatusPollingFixture start() throws Exception {
        return new StatusPollingFixture(new SageMakerTestEnvironment(false));
    }

    private static AwsSession openSession(SageMakerTestEnvironment aws, Optional<String> region) {
        return AwsSession.open(region, Optional.empty(),
                SageMakerEndpoints.allAt(aws.server.endpoint(), aws.s3Proxy.endpoint()));
    }

    public TrainingDriver driver() {
        return aws.driver;
    }

    /** The metrics each job reports: the names of {@code --config.metrics}. */
    public static final List<String> METRICS = List.of("loss", "accuracy");

    public Settings settings() {
        return aws.settings(Map.of(MetricNamesSetting.NAME, String.join(",", METRICS)));
    }

    /**
     * Submits a job through the driver; the fake keeps it in progress, with five values of each metric
     * recorded in the last minute.
     */
    public JobStatus submit(String base, Map<String, String> hyperparameters) {
        JobStatus status = aws.driver.submit(aws.spec(SageMakerTestEnvironment.newJobName(base), PUSHED,
                hyperparameters, settings()));
        long now = System.currentTimeMillis();
        for (int step = 0; step < 5; step++) {
            for (String metric : METRICS) {
                aws.sageMaker.cloudWatch().record(status.name().value(), metric, now - (5 - step) * 10_000L,
                        metric.equals("loss") ? 1.0 / (step + 1) : 0.5 + step / 10.0);
            }
        }
        return status;
    }

    /** What the driver's status does, over this fixture's session: one list, describes only for ended jobs. */
    public List<JobStatus> listStatus(Collection<JobName> jobs) {
        return poller.status(jobs);
    }

    /** The baseline, over this fixture's session: one DescribeTrainingJob per job. */
    public List<JobStatus> describeEach(Collection<JobName> jobs) {
        return describeEach(poller, SageMakerTestEnvironment.REGION, jobs);
    }

    private static List<JobStatus> describeEach(TrainingJobStatusPoller poller, String region, Collection<JobName> jobs) {
        List<JobStatus> statuses = new ArrayList<>();
        jobs.forEach(n -> poller.describe(n).ifPresent(d -> statuses.add(StatusMapping.of(d, region))));
        return statuses;
    }

    /**
     * The SageMaker driver with the baseline's status (a session per call, as the driver opens one): one
     * DescribeTrainingJob and one GetMetricData per job.
     */
    public TrainingDriver describeEachDriver() {
        return new DescribeEachDriver();
    }

    public void resetCalls() {
        aws.server.resetCalls();
    }

    public Map<String, Integer> calls(List<String> operations) {
        Map<String, Integer> calls = new LinkedHashMap<>();
        operations.forEach(op -> calls.put(op, aws.server.calls(op)));
        return calls;
    }

    @Override
    public void close() throws Exception {
        session.close();
        aws.close();
    }

    private final class DescribeEachDriver implements TrainingDriver {

        @Override
        public String name() {
            return aws.driver.name();
        }

        @Override
        public SettingsSchema settingsSchema() {
            return aws.driver.settingsSchema();
        }

        @Override
        public Optional<ImageDestination> imageDestination(String imageName, Settings settings,
                                                           ProgressListener progress) {
            return aws.driver.imageDestination(imageName, settings, progress);
        }

        @Override
        public JobStatus submit(JobSpec spec) {
            return aws.driver.submit(spec);
        }

        @Override
        public List<JobStatus> status(Collection<JobName> jobs, Settings settings) {
            try (AwsSession own = openSession(aws, settings.string(SageMakerSettings.REGION))) {
                TrainingMetrics metrics = new TrainingMetrics(own.cloudWatch());
                Instant now = Instant.now();
                List<JobStatus> statuses = new ArrayList<>();
                for (JobStatus status : describeEach(new TrainingJobStatusPoller(own.sageMaker(), own.region().id()),
                        own.region().id(), jobs)) {
                    Map<String, Double> latest = metrics.latest(List.of(status.name()), MetricNamesSetting.of(settings),
                            now.minus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(1)))
                            .getOrDefault(status.name(), Map.of());
                    statuses.add(status.toBuilder().metrics(latest).build());
                }
                return statuses;
            }
        }

        @Override
        public java.util.Map<JobName, java.util.Map<String, List<dev.fahr.runtime.MetricPoint>>> metricSeries(
                Collection<JobName> jobs, Settings settings, java.time.Instant since) {
            return aws.driver.metricSeries(jobs, settings, since);
        }

        @Override
        public void logs(JobName job, LogRequest request, Settings settings, LogSink sink) {
            aws.driver.logs(job, request, settings, sink);
        }

        @Override
        public void stop(JobName job, Settings settings) {
            aws.driver.stop(job, settings);
        }

        @Override
        public FetchResult fetch(JobName job, Path target, boolean extract, Settings settings) {
            return aws.driver.fetch(job, target, extract, settings);
        }
    }
}
