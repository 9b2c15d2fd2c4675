package dev.fahr.driver.sagemaker;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.fahr.job.JobName;
import dev.fahr.job.JobState;
import dev.fahr.job.JobStatus;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatus;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;

/** SageMaker's TrainingJobStatus and SecondaryStatus as the project's {@link JobStatus}. */
final class StatusMapping {

    private StatusMapping() {
    }

    static JobState state(TrainingJobStatus status) {
        if (status == null) {
            return JobState.PENDING;
        }
        return switch (status) {
            case IN_PROGRESS -> JobState.IN_PROGRESS;
            case STOPPING -> JobState.STOPPING;
            case COMPLETED -> JobState.COMPLETED;
            case FAILED -> JobState.FAILED;
            // Reported as a state of its own: the original fahr showed a stopped job as still running.
            case STOPPED -> JobState.STOPPED;
            default -> JobState.PENDING;
        };
    }

    static JobStatus of(DescribeTrainingJobResponse job, String region) {
        JobName name = JobName.parse(job.trainingJobName());
        JobStatus.Builder status = JobStatus.builder(name, state(job.trainingJobStatus()))
                .secondaryStatus(job.secondaryStatusAsString())
                .startedAt(first(job.trainingStartTime(), job.creationTime()))
                .endedAt(job.trainingEndTime())
                .consoleUrl(ConsoleLinks.trainingJob(region, name));
        if (job.hasSecondaryStatusTransitions()) {
            // SageMaker's own account of a managed-spot job: each reclaimed instance is an "Interrupted" step.
            status.interruptions((int) job.secondaryStatusTransitions().stream()
                    .filter(t -> t.status() == SecondaryStatus.INTERRUPTED).count());
        }
        if (job.failureReason() != null && !job.failureReason().isBlank()) {
            status.failureReason(job.failureReason());
        }
        if (job.hasFinalMetricDataList()) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            job.finalMetricDataList().forEach(m -> {
                if (m.metricName() != null && m.value() != null) {
                    metrics.put(m.metricName(), m.value().doubleValue());
                }
            });
            status.metrics(metrics);
        }
        return status.build();
    }

    /** A list entry has no secondary status; its primary status stands in until a describe says more. */
    static JobStatus of(TrainingJobSummary job, String region) {
        JobName name = JobName.parse(job.trainingJobName());
        return JobStatus.builder(name, state(job.trainingJobStatus()))
                .secondaryStatus(job.trainingJobStatusAsString())
                .startedAt(job.creationTime())
                .endedAt(job.trainingEndTime())
                .consoleUrl(ConsoleLinks.trainingJob(region, name))
                .build();
    }

    private static Instant first(Instant a, Instant b) {
        return a != null ? a : b;
    }
}
