package dev.fahr.driver.sagemaker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

import dev.fahr.job.JobName;
import dev.fahr.runtime.MetricPoint;

/**
 * The metrics SageMaker recorded from jobs' logs (through their MetricDefinitions), read from CloudWatch:
 * namespace {@value #NAMESPACE}, one series per metric and job's host ({@code <job>/algo-1}). Many jobs cost
 * one GetMetricData call per {@value #MAX_QUERIES} series, never one per job.
 */
final class TrainingMetrics {

    static final String NAMESPACE = "/aws/sagemaker/TrainingJobs";
    /** GetMetricData takes at most this many queries. */
    static final int MAX_QUERIES = 500;

    private final CloudWatchClient cloudWatch;

    TrainingMetrics(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    /**
     * Every value of every metric of every job since {@code start}, oldest first; a value's step is its place
     * in the series, as CloudWatch keeps times, not steps.
     */
    Map<JobName, Map<String, List<MetricPoint>>> series(Collection<JobName> jobs, List<String> names, Instant start,
                                                        Instant end) {
        Map<JobName, Map<String, List<MetricPoint>>> series = new LinkedHashMap<>();
        read(jobs, names, start, end, ScanBy.TIMESTAMP_ASCENDING, (job, name, values) -> {
            List<MetricPoint> points = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                points.add(new MetricPoint(name, i, values.get(i)));
            }
            series.computeIfAbsent(job, j -> new LinkedHashMap<>()).put(name, points);
        });
        return series;
    }

    /** Each job's latest value of each metric since {@code start}. */
    Map<JobName, Map<String, Double>> latest(Collection<JobName> jobs, List<String> names, Instant start, Instant end) {
        Map<JobName, Map<String, Double>> latest = new LinkedHashMap<>();
        read(jobs, names, start, end, ScanBy.TIMESTAMP_DESCENDING, (job, name, values) ->
                latest.computeIfAbsent(job, j -> new LinkedHashMap<>()).put(name, values.get(0)));
        return latest;
    }

    private interface ResultSink {
        void accept(JobName job, String metric, List<Double> values);
    }

    private void read(Collection<JobName> jobs, List<String> names, Instant start, Instant end, ScanBy order,
                      ResultSink sink) {
        if (jobs.isEmpty() || names.isEmpty()) {
            return;
        }
        List<MetricDataQuery> queries = new ArrayList<>();
        Map<String, JobName> jobOf = new HashMap<>();
        Map<String, String> metricOf = new HashMap<>();
        int period = period(start, end);
        for (JobName job : jobs) {
            for (String name : names) {
                String id = "m" + queries.size();
                jobOf.put(id, job);
                metricOf.put(id, name);
                queries.add(MetricDataQuery.builder().id(id).returnData(true)
                        .metricStat(MetricStat.builder().period(period).stat("Average")
                                .metric(Metric.builder().namespace(NAMESPACE).metricName(name)
                                        .dimensions(Dimension.builder().name("Host").value(job.value() + "/algo-1").build())
                                        .build())
                                .build())
                        .build());
            }
        }
        for (int from = 0; from < queries.size(); from += MAX_QUERIES) {
            List<MetricDataQuery> batch = queries.subList(from, Math.min(queries.size(), from + MAX_QUERIES));
            Map<String, List<Double>> values = new LinkedHashMap<>();
            String token = null;
            do {
                GetMetricDataResponse response;
                try {
                    response = cloudWatch.getMetricData(GetMetricDataRequest.builder().metricDataQueries(batch)
                            .startTime(start).endTime(end).scanBy(order).nextToken(token).build());
                } catch (SdkException e) {
                    throw AwsFailures.describe("read training metrics from CloudWatch", e);
                }
                for (MetricDataResult result : response.metricDataResults()) {
                    values.computeIfAbsent(result.id(), id -> new ArrayList<>()).addAll(result.values());
                }
                token = response.nextToken();
            } while (token != null);
            values.forEach((id, list) -> {
                if (!list.isEmpty()) {
                    sink.accept(jobOf.get(id), metricOf.get(id), list);
                }
            });
        }
    }

    /**
     * The finest period CloudWatch serves for the window: a second's for the last 3 hours, else a minute's,
     * 5 minutes' beyond 15 days.
     */
    static int period(Instant start, Instant end) {
        Duration window = Duration.between(start, end);
        if (window.compareTo(Duration.ofHours(3)) <= 0) {
            return 1;
        }
        return window.compareTo(Duration.ofDays(15)) <= 0 ? 60 : 300;
    }
}
