package dev.fahr.testing.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One training job as the fake SageMaker keeps it: the request it was created with, and its status
 * history. Mutated by the job's run thread and by StopTrainingJob, read by Describe and List.
 */
final class TrainingJobRecord {

    private record Transition(String status, Instant start, String message) {
    }

    private final String name;
    private final String arn;
    private final JsonNode request;
    private final Instant creationTime = Instant.now();
    private String status = "InProgress";
    private String secondaryStatus = "Starting";
    private final List<Transition> transitions = new ArrayList<>();
    private String failureReason;
    private Instant trainingStart;
    private Instant trainingEnd;
    private Instant lastModified = creationTime;
    private boolean stopRequested;
    private String containerId;
    /** The job's MetricDefinitions: name to the regex whose first group is the value. */
    private final Map<String, Pattern> metricDefinitions = new LinkedHashMap<>();
    /** Each metric's last value and when it was seen, for FinalMetricDataList. */
    private final Map<String, double[]> finalMetrics = new LinkedHashMap<>();

    TrainingJobRecord(String name, String arn, JsonNode request) {
        this.name = name;
        this.arn = arn;
        this.request = request;
        transitions.add(new Transition("Starting", creationTime, "Preparing the instances for training"));
        for (JsonNode definition : request.path("AlgorithmSpecification").path("MetricDefinitions")) {
            metricDefinitions.put(definition.path("Name").asText(), Pattern.compile(definition.path("Regex").asText()));
        }
    }

    /**
     * What SageMaker does with each line of a job's log: every MetricDefinition whose regex finds the line
     * gives a value (its first group, as a float; text that is no number is dropped), kept for CloudWatch and
     * as the metric's final value.
     */
    synchronized Map<String, Double> observe(String line, long epochMillis) {
        Map<String, Double> found = new LinkedHashMap<>();
        metricDefinitions.forEach((metric, regex) -> {
            Matcher m = regex.matcher(line);
            if (m.find() && m.groupCount() >= 1) {
                try {
                    double value = Double.parseDouble(m.group(1));
                    if (Double.isFinite(value)) {
                        found.put(metric, value);
                        finalMetrics.put(metric, new double[] {value, epochMillis});
                    }
                } catch (NumberFormatException notANumber) {
                    // SageMaker drops a value it cannot read as a float
                }
            }
        });
        return found;
    }

    String name() {
        return name;
    }

    String arn() {
        return arn;
    }

    JsonNode request() {
        return request;
    }

    Instant creationTime() {
        return creationTime;
    }

    synchronized String status() {
        return status;
    }

    synchronized boolean ended() {
        return status.equals("Completed") || status.equals("Failed") || status.equals("Stopped");
    }

    /** Moves to a new secondary status (and primary status), closing the previous transition. */
    synchronized void transition(String primary, String secondary, String message) {
        if (ended()) {
            return;
        }
        Instant now = Instant.now();
        status = primary;
        secondaryStatus = secondary;
        transitions.add(new Transition(secondary, now, message));
        lastModified = now;
        if (secondary.equals("Training") && trainingStart == null) {
            trainingStart = now;
        }
        if (ended()) {
            trainingEnd = now;
        }
    }

    synchronized void fail(String reason) {
        failureReason = reason.length() > 1024 ? reason.substring(0, 1024) : reason;
        transition("Failed", "Failed", "Training job failed");
    }

    /** True when a stop is newly requested (the caller then stops the container). */
    synchronized boolean requestStop() {
        if (ended() || stopRequested) {
            return false;
        }
        stopRequested = true;
        transition("Stopping", "Stopping", "Stopping the training job");
        return true;
    }

    synchronized boolean stopRequested() {
        return stopRequested;
    }

    synchronized void containerId(String id) {
        containerId = id;
    }

    synchronized String containerId() {
        return containerId;
    }

    synchronized ObjectNode describe(String modelArtifacts) {
        ObjectNode job = JsonNodeFactory.instance.objectNode();
        job.put("TrainingJobName", name);
        job.put("TrainingJobArn", arn);
        job.putObject("ModelArtifacts").put("S3ModelArtifacts", modelArtifacts);
        job.put("TrainingJobStatus", status);
        job.put("SecondaryStatus", secondaryStatus);
        if (failureReason != null) {
            job.put("FailureReason", failureReason);
        }
        for (String member : List.of("HyperParameters", "AlgorithmSpecification", "RoleArn", "InputDataConfig",
                "OutputDataConfig", "ResourceConfig", "StoppingCondition", "EnableManagedSpotTraining",
                "CheckpointConfig", "Environment")) {
            if (request.has(member)) {
                job.set(member, request.get(member));
            }
        }
        job.put("CreationTime", seconds(creationTime));
        if (trainingStart != null) {
            job.put("TrainingStartTime", seconds(trainingStart));
        }
        if (trainingEnd != null) {
            job.put("TrainingEndTime", seconds(trainingEnd));
        }
        job.put("LastModifiedTime", seconds(lastModified));
        if (trainingStart != null && trainingEnd != null) {
            // What SageMaker bills: the training time, per instance; managed spot bills less of it (the fake
            // takes 70% off, a typical saving), never less than a second.
            long training = Math.max(1, (java.time.Duration.between(trainingStart, trainingEnd).toMillis() + 999) / 1000);
            boolean spot = request.path("EnableManagedSpotTraining").asBoolean(false);
            job.put("TrainingTimeInSeconds", training);
            job.put("BillableTimeInSeconds", spot ? Math.max(1, Math.round(training * 0.3)) : training);
        }
        if (ended() && !finalMetrics.isEmpty()) {
            ArrayNode metrics = job.putArray("FinalMetricDataList");
            finalMetrics.forEach((metric, last) -> {
                ObjectNode data = metrics.addObject();
                data.put("MetricName", metric);
                data.put("Value", last[0]);
                data.put("Timestamp", last[1] / 1000.0);
            });
        }
        ArrayNode history = job.putArray("SecondaryStatusTransitions");
        for (int i = 0; i < transitions.size(); i++) {
            Transition t = transitions.get(i);
            ObjectNode node = history.addObject();
            node.put("Status", t.status());
            node.put("StartTime", seconds(t.start()));
            if (i + 1 < transitions.size()) {
                node.put("EndTime", seconds(transitions.get(i + 1).start()));
            }
            node.put("StatusMessage", t.message());
        }
        return job;
    }

    synchronized ObjectNode summary() {
        ObjectNode job = JsonNodeFactory.instance.objectNode();
        job.put("TrainingJobName", name);
        job.put("TrainingJobArn", arn);
        job.put("CreationTime", seconds(creationTime));
        if (trainingEnd != null) {
            job.put("TrainingEndTime", seconds(trainingEnd));
        }
        job.put("LastModifiedTime", seconds(lastModified));
        job.put("TrainingJobStatus", status);
        return job;
    }

    /** The list of secondary statuses so far, for assertions. */
    synchronized List<String> secondaryStatuses() {
        return transitions.stream().map(Transition::status).toList();
    }

    /** JSON 1.1 timestamps are epoch seconds with a fraction. */
    private static double seconds(Instant time) {
        return time.getEpochSecond() + time.getNano() / 1e9;
    }
}
