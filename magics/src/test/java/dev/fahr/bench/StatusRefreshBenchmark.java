package dev.fahr.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fahr.driver.sagemaker.StatusPollingFixture;
import dev.fahr.job.JobName;
import dev.fahr.job.JobState;
import dev.fahr.job.JobStatus;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import dev.fahr.settings.Settings;
import dev.fahr.workflow.DriverRegistry;
import dev.fahr.workflow.DriverSettings;
import dev.fahr.workflow.StatusWorkflow;

/**
 * Benchmark (a test-scoped main, run by bench/status-refresh.sh; not a test): the API calls and the time of
 * one status refresh of N in-progress SageMaker jobs, each reporting two metrics, against the protocol test
 * server, beside the baseline of one DescribeTrainingJob and one GetMetricData per job, in the same run,
 * alternating round by round. Measured at two levels: the driver's status call (a session per call, as the
 * driver opens one), and a whole {@code fahr status} refresh (then the job records). N/2 jobs of another
 * experiment share the account.
 *
 * <p>Arguments: [JOBS (100)] [ROUNDS (15)] [WARMUP (3)].
 */
public final class StatusRefreshBenchmark {

    private static final List<String> OPERATIONS = List.of("ListTrainingJobs", "DescribeTrainingJob",
            "GetMetricData");

    private StatusRefreshBenchmark() {
    }

    /** One way of refreshing, with the calls and milliseconds of each measured round. */
    private static final class Series {
        final String what;
        final Runnable refresh;
        final List<Double> millis = new ArrayList<>();
        final List<Map<String, Integer>> calls = new ArrayList<>();

        Series(String what, Runnable refresh) {
            this.what = what;
            this.refresh = refresh;
        }

        double median() {
            List<Double> sorted = millis.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        String callsText() {
            Map<String, Integer> first = calls.get(0);
            boolean steady = calls.stream().allMatch(first::equals);
            StringBuilder text = new StringBuilder();
            int total = 0;
            for (String op : OPERATIONS) {
                int n = first.getOrDefault(op, 0);
                total += n;
                if (n > 0) {
                    text.append(text.length() == 0 ? "" : " + ").append(n).append(' ').append(op);
                }
            }
            return total + " (" + text + ")" + (steady ? "" : " varies: " + calls);
        }
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        try (StatusPollingFixture aws = StatusPollingFixture.start()) {
            Settings settings = aws.settings();
            Path project = Files.createTempDirectory("fahr-bench-status-");
            JobRecords records = new JobRecords(project);
            List<JobName> names = new ArrayList<>();
            String grid = "grid-bench";
            for (int i = 0; i < jobs; i++) {
                Map<String, String> hp = Map.of("batch_size", String.valueOf(i));
                JobStatus submitted = aws.submit("bench", hp);
                records.add(JobRecord.builder(submitted.name(), aws.driver().name(), Instant.now()).submitted(true)
                        .state(submitted.state()).secondaryStatus(submitted.secondaryStatus())
                        .settings(DriverSettings.asText(settings)).grid(grid).hyperparameters(hp).build());
                names.add(submitted.name());
            }
            for (int i = 0; i < jobs / 2; i++) {
                aws.submit("other", Map.of());
            }

            StatusWorkflow fahrStatus = new StatusWorkflow(new DriverRegistry(List.of(aws.driver())), records,
                    Clock.systemUTC());
            StatusWorkflow baselineStatus = new StatusWorkflow(new DriverRegistry(List.of(aws.describeEachDriver())),
                    records, Clock.systemUTC());
            List<Series> series = List.of(
                    new Series("driver status: fahr (List + GetMetricData)",
                            () -> check(aws.driver().status(names, settings), jobs)),
                    new Series("driver status: baseline (Describe + GetMetricData per job)",
                            () -> check(aws.describeEachDriver().status(names, settings), jobs)),
                    new Series("fahr status refresh, records included: fahr",
                            () -> check(fahrStatus.refresh(List.of(grid)), jobs)),
                    new Series("fahr status refresh, records included: baseline",
                            () -> check(baselineStatus.refresh(List.of(grid)), jobs)));

            for (int round = 0; round < warmup + rounds; round++) {
                for (Series s : series) {
                    aws.resetCalls();
                    long start = System.nanoTime();
                    s.refresh.run();
                    double ms = (System.nanoTime() - start) / 1e6;
                    if (round >= warmup) {
                        s.millis.add(ms);
                        s.calls.add(aws.calls(OPERATIONS));
                    }
                }
            }

            System.out.printf("status refresh of %d in-progress SageMaker jobs with 2 metrics each (+%d of another "
                    + "experiment), protocol "
                    + "test server; median of %d rounds after %d warm-up, alternating%n", jobs, jobs / 2, rounds, warmup);
            System.out.printf("%-60s %-64s %10s%n", "what", "API calls per refresh", "median ms");
            for (Series s : series) {
                System.out.printf("%-60s %-64s %10.1f%n", s.what, s.callsText(), s.median());
            }
        }
    }

    private static void check(List<?> statuses, int expected) {
        if (statuses.size() != expected) {
            throw new IllegalStateException("a refresh saw " + statuses.size() + " of " + expected + " jobs");
        }
        for (Object status : statuses) {
            JobState state = status instanceof JobStatus s ? s.state() : ((JobRecord) status).state();
            Map<String, Double> metrics = status instanceof JobStatus s ? s.metrics() : ((JobRecord) status).metrics();
            if (state != JobState.IN_PROGRESS) {
                throw new IllegalStateException("a job is " + state + ", not in progress: " + status);
            }
            if (!metrics.keySet().containsAll(StatusPollingFixture.METRICS)) {
                throw new IllegalStateException("a job's metrics are missing: " + status);
            }
        }
    }
}
