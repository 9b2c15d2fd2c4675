package dev.fahr.driver.sagemaker;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.fahr.job.JobName;
import dev.fahr.job.JobStatus;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsRequest;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;

/**
 * The status of many jobs in few calls: one paginated ListTrainingJobs narrowed by the names' common
 * prefix and creation time, then DescribeTrainingJob only for the jobs that ended (for their failure
 * reason) or that the list did not show. Describing every job would hit SageMaker's rate limit.
 */
final class TrainingJobStatusPoller {

    private static final int PAGE_SIZE = 100;
    /** The stamp in fahr's generated names, {@code -yyyyMMdd-HHmmss-xxxx}. */
    private static final Pattern STAMP = Pattern.compile("-(\\d{8}-\\d{6})-[a-z0-9]{4}$");
    private static final DateTimeFormatter STAMP_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** A machine's clock may be off; a day of slack costs a few list entries at most. */
    private static final Duration CLOCK_SLACK = Duration.ofDays(1);

    private final SageMakerClient sageMaker;
    private final String region;

    private final Optional<TrainingCosts> costs;

    TrainingJobStatusPoller(SageMakerClient sageMaker, String region) {
        this(sageMaker, region, Optional.empty());
    }

    /** @param costs what ended jobs cost, from the describe each of them gets anyway */
    TrainingJobStatusPoller(SageMakerClient sageMaker, String region, Optional<TrainingCosts> costs) {
        this.sageMaker = sageMaker;
        this.region = region;
        this.costs = costs;
    }

    List<JobStatus> status(Collection<JobName> jobs) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        Map<String, TrainingJobSummary> listed = list(jobs);
        List<JobStatus> statuses = new ArrayList<>();
        for (JobName job : jobs) {
            TrainingJobSummary summary = listed.get(job.value());
            if (summary != null && !StatusMapping.state(summary.trainingJobStatus()).isTerminal()) {
                statuses.add(StatusMapping.of(summary, region));
            } else {
                // A job SageMaker does not know is left out, as the driver interface asks.
                describe(job).map(d -> withCost(StatusMapping.of(d, region), d)).ifPresent(statuses::add);
            }
        }
        return statuses;
    }

    private JobStatus withCost(JobStatus status, DescribeTrainingJobResponse described) {
        return costs.flatMap(c -> c.ended(described)).map(cost -> status.toBuilder().cost(cost).build()).orElse(status);
    }

    /** One job, with its secondary status: what log following and single-job views need. */
    Optional<DescribeTrainingJobResponse> describe(JobName job) {
        try {
            return Optional.of(sageMaker.describeTrainingJob(r -> r.trainingJobName(job.value())));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            if (e.statusCode() == 400 && AwsFailures.message(e).contains("not found")) {
                return Optional.empty(); // SageMaker reports a missing job as a ValidationException
            }
            throw AwsFailures.describe("describe training job " + job, e);
        } catch (SdkException e) {
            throw AwsFailures.describe("describe training job " + job, e);
        }
    }

    private Map<String, TrainingJobSummary> list(Collection<JobName> jobs) {
        ListTrainingJobsRequest.Builder request = ListTrainingJobsRequest.builder().maxResults(PAGE_SIZE);
        commonPrefix(jobs).ifPresent(request::nameContains);
        earliestStamp(jobs).ifPresent(t -> request.creationTimeAfter(t.minus(CLOCK_SLACK)));
        Map<String, TrainingJobSummary> found = new LinkedHashMap<>();
        try {
            for (TrainingJobSummary summary : sageMaker.listTrainingJobsPaginator(request.build())
                    .trainingJobSummaries()) {
                found.put(summary.trainingJobName(), summary);
                if (found.keySet().containsAll(jobs.stream().map(JobName::value).toList())) {
                    break; // every job seen: no need for further pages
                }
            }
        } catch (SdkException e) {
            throw AwsFailures.describe("list training jobs", e);
        }
        return found;
    }

    static Optional<String> commonPrefix(Collection<JobName> jobs) {
        String prefix = null;
        for (JobName job : jobs) {
            String name = job.value();
            if (prefix == null) {
                prefix = name;
            } else {
                int i = 0;
                while (i < prefix.length() && i < name.length() && prefix.charAt(i) == name.charAt(i)) {
                    i++;
                }
                prefix = prefix.substring(0, i);
            }
        }
        return Optional.ofNullable(prefix).filter(p -> !p.isEmpty());
    }

    static Optional<Instant> earliestStamp(Collection<JobName> jobs) {
        Instant earliest = null;
        for (JobName job : jobs) {
            Matcher m = STAMP.matcher(job.value());
            if (!m.find()) {
                return Optional.empty(); // a name without a stamp could be of any age
            }
            Instant stamp = LocalDateTime.parse(m.group(1), STAMP_FORMAT).toInstant(ZoneOffset.UTC);
            earliest = earliest == null || stamp.isBefore(earliest) ? stamp : earliest;
        }
        return Optional.ofNullable(earliest);
    }
}
