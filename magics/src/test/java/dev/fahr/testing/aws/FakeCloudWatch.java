package dev.fahr.testing.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * CloudWatch's GetMetricData over the metrics SageMaker records for training jobs (namespace
 * {@code /aws/sagemaker/TrainingJobs}, dimension {@code Host=<job>/algo-1}), fed with the values the fake
 * SageMaker finds in each job's real log with the job's own MetricDefinitions. It answers as CloudWatch does:
 * values averaged per period, newest first unless asked otherwise, and it refuses what CloudWatch refuses
 * beyond the model (more than 500 queries, an Id that does not start with a lower-case letter, a period that
 * is not 1, 5, 10, 30 or a multiple of 60, a query with neither or both of MetricStat and Expression).
 */
public final class FakeCloudWatch {

    static final ServiceModel MODEL = ServiceModel.load("cloudwatch", "2010-08-01");
    private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");

    private record Point(long epochMillis, double value) {
    }

    private final Map<String, List<Point>> series = new ConcurrentHashMap<>();

    /** Records a value of {@code metric} for the host {@code <job>/algo-1}, as SageMaker publishes one. */
    public void record(String job, String metric, long epochMillis, double value) {
        if (Double.isFinite(value)) { // CloudWatch takes no NaN or infinity
            series.computeIfAbsent(key(metric, job + "/algo-1"), k -> new CopyOnWriteArrayList<>())
                    .add(new Point(epochMillis, value));
        }
    }

    private static String key(String metric, String host) {
        return TrainingJobRun.METRIC_NAMESPACE + "\u0000" + metric + "\u0000" + host;
    }

    /** Answers a validated GetMetricData request with its XML response. */
    String getMetricData(JsonNode request) {
        JsonNode queries = request.path("MetricDataQueries");
        if (queries.size() > 500) {
            throw new AwsServiceError("InvalidParameterValue", "The collection MetricDataQueries must not have a size"
                    + " greater than 500.", 400);
        }
        long start = Instant.parse(request.path("StartTime").asText()).toEpochMilli();
        long end = Instant.parse(request.path("EndTime").asText()).toEpochMilli();
        if (start >= end) {
            throw new AwsServiceError("InvalidParameterValue", "The parameter StartTime must be less than the parameter"
                    + " EndTime.", 400);
        }
        boolean ascending = "TimestampAscending".equals(request.path("ScanBy").asText());
        StringBuilder xml = new StringBuilder("<GetMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/"
                + "2010-08-01/\"><GetMetricDataResult><MetricDataResults>");
        for (JsonNode query : queries) {
            String id = query.path("Id").asText();
            if (!ID.matcher(id).matches()) {
                throw new AwsServiceError("ValidationError", "The value " + id + " for parameter MetricDataQueries."
                        + "member.Id is not valid: it must start with a lowercase letter and hold letters, numbers"
                        + " and underscores.", 400);
            }
            if (query.has("MetricStat") == query.has("Expression")) {
                throw new AwsServiceError("ValidationError", "Exactly one of MetricStat and Expression must be set"
                        + " in MetricDataQuery " + id + ".", 400);
            }
            JsonNode stat = query.path("MetricStat");
            long period = stat.path("Period").asLong();
            if (period != 1 && period != 5 && period != 10 && period != 30 && period % 60 != 0) {
                throw new AwsServiceError("InvalidParameterValue", "The parameter MetricDataQueries.member.Period"
                        + " must be 1, 5, 10, 30, or a multiple of 60.", 400);
            }
            JsonNode metric = stat.path("Metric");
            String host = "";
            for (JsonNode dimension : metric.path("Dimensions")) {
                if (dimension.path("Name").asText().equals("Host")) {
                    host = dimension.path("Value").asText();
                }
            }
            TreeMap<Long, double[]> buckets = ascending ? new TreeMap<>() : new TreeMap<>(java.util.Comparator.reverseOrder());
            for (Point point : series.getOrDefault(key(metric.path("MetricName").asText(), host), List.of())) {
                if (point.epochMillis() >= start && point.epochMillis() < end
                        && metric.path("Namespace").asText().equals(TrainingJobRun.METRIC_NAMESPACE)) {
                    long bucket = point.epochMillis() / (period * 1000) * (period * 1000);
                    double[] sum = buckets.computeIfAbsent(bucket, b -> new double[2]);
                    sum[0] += point.value();
                    sum[1]++;
                }
            }
            xml.append("<member><Id>").append(id).append("</Id><Label>")
                    .append(metric.path("MetricName").asText()).append("</Label><Timestamps>");
            List<Double> values = new ArrayList<>();
            buckets.forEach((bucket, sum) -> {
                xml.append("<member>").append(Instant.ofEpochMilli(bucket)).append("</member>");
                values.add(sum[0] / sum[1]);
            });
            xml.append("</Timestamps><Values>");
            values.forEach(v -> xml.append("<member>").append(v).append("</member>"));
            xml.append("</Values><StatusCode>Complete</StatusCode></member>");
        }
        return xml.append("</MetricDataResults><Messages/></GetMetricDataResult><ResponseMetadata><RequestId>")
                .append(java.util.UUID.randomUUID()).append("</RequestId></ResponseMetadata></GetMetricDataResponse>")
                .toString();
    }
}
