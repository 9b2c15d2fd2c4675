package dev.fahr.driver.sagemaker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.fahr.driver.DriverException;
import dev.fahr.job.JobName;
import dev.fahr.job.JobSpec;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AlgorithmSpecification;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.CheckpointConfig;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.MetricDefinition;
import software.amazon.awssdk.services.sagemaker.model.OutputDataConfig;
import software.amazon.awssdk.services.sagemaker.model.ResourceConfig;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.S3DataDistribution;
import software.amazon.awssdk.services.sagemaker.model.S3DataType;
import software.amazon.awssdk.services.sagemaker.model.StoppingCondition;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;

/**
 * Starts a training job exactly once. The SDK already retries throttled and failed calls, but a retried
 * create after a timeout may find that the first attempt went through; so before every attempt of our
 * own the job is looked up by name, and "already exists" for our name counts as success.
 */
final class TrainingJobLauncher {

    private static final int ATTEMPTS = 5;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

    private final SageMakerClient sageMaker;
    private final Sleeper sleeper;

    /** Lets tests count and skip the waits between attempts. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    TrainingJobLauncher(SageMakerClient sageMaker, Sleeper sleeper) {
        this.sageMaker = sageMaker;
        this.sleeper = sleeper;
    }

    /** The request SageMaker gets for {@code spec}; {@code channels} maps channel names to s3:// prefixes. */
    static CreateTrainingJobRequest request(JobSpec spec, SageMakerJobConfig config, String roleArn, String image,
            Map<String, S3Location> channels) {
        List<Channel> inputs = new ArrayList<>();
        channels.forEach((name, location) -> inputs.add(Channel.builder()
                .channelName(name)
                .dataSource(d -> d.s3DataSource(s -> s.s3DataType(S3DataType.S3_PREFIX)
                        .s3Uri(location.toString())
                        .s3DataDistributionType(S3DataDistribution.FULLY_REPLICATED)))
                .build()));
        List<Tag> tags = new ArrayList<>();
        config.tags().forEach((key, value) -> tags.add(Tag.builder().key(key).value(value).build()));
        StoppingCondition.Builder stopping = StoppingCondition.builder().maxRuntimeInSeconds(config.maxRuntimeSeconds());
        config.maxWaitSeconds().ifPresent(stopping::maxWaitTimeInSeconds);
        CreateTrainingJobRequest.Builder request = CreateTrainingJobRequest.builder()
                .trainingJobName(spec.name().value())
                .algorithmSpecification(AlgorithmSpecification.builder()
                        .trainingImage(image)
                        .trainingInputMode(TrainingInputMode.FILE)
                        .metricDefinitions(config.metricDefinitions().entrySet().stream()
                                .map(d -> MetricDefinition.builder().name(d.getKey()).regex(d.getValue()).build())
                                .toList())
                        .build())
                .roleArn(roleArn)
                .outputDataConfig(OutputDataConfig.builder().s3OutputPath(config.outputPath().toString()).build())
                .resourceConfig(ResourceConfig.builder()
                        .instanceType(config.instanceType())
                        .instanceCount(config.instanceCount())
                        .volumeSizeInGB(config.volumeSizeGb())
                        .build())
                .stoppingCondition(stopping.build());
        if (!spec.hyperparameters().isEmpty()) {
            request.hyperParameters(spec.hyperparameters().values());
        }
        if (!inputs.isEmpty()) {
            request.inputDataConfig(inputs);
        }
        if (!config.environment().isEmpty()) {
            request.environment(config.environment());
        }
        if (!tags.isEmpty()) {
            request.tags(tags);
        }
        if (config.useSpot()) {
            request.enableManagedSpotTraining(true);
        }
        config.checkpoint().ifPresent(c -> request.checkpointConfig(CheckpointConfig.builder().s3Uri(c.toString()).build()));
        return request.build();
    }

    /** Creates the job unless it exists; returns what SageMaker then says of it. */
    DescribeTrainingJobResponse launch(CreateTrainingJobRequest request) {
        JobName name = JobName.parse(request.trainingJobName());
        Duration backoff = FIRST_BACKOFF;
        SdkException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                // The previous attempt may have created the job although we never saw the answer.
                Optional<DescribeTrainingJobResponse> existing = find(name);
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            try {
                sageMaker.createTrainingJob(request);
                return find(name).orElseThrow(() -> new DriverException("SageMaker accepted job " + name
                        + " but does not show it; check the console"));
            } catch (ResourceInUseException e) {
                // Our own name: an earlier attempt (or an earlier submit of the same spec) created it.
                return find(name).orElseThrow(() -> AwsFailures.describe("start training job " + name, e));
            } catch (SdkException e) {
                if (!ambiguous(e)) {
                    throw failure(name, request.roleArn(), e);
                }
                last = e;
            }
            pause(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        throw AwsFailures.describe("start training job " + name + " after " + ATTEMPTS + " attempts", last);
    }

    private Optional<DescribeTrainingJobResponse> find(JobName name) {
        try {
            return Optional.of(sageMaker.describeTrainingJob(r -> r.trainingJobName(name.value())));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (AwsServiceException e) {
            if (e.statusCode() == 400 && AwsFailures.message(e).contains("not found")) {
                return Optional.empty(); // SageMaker reports a missing job as a ValidationException
            }
            throw AwsFailures.describe("look up training job " + name, e);
        }
    }

    /** Throttling, server errors and lost connections: the job may or may not exist now. */
    private static boolean ambiguous(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return AwsFailures.isThrottling(service) || service.statusCode() >= 500;
        }
        return e instanceof SdkClientException && !String.valueOf(e.getMessage()).contains("Unable to load credentials");
    }

    private static DriverException failure(JobName name, String roleArn, SdkException e) {
        if (e instanceof AwsServiceException service && AwsFailures.message(service).toLowerCase().contains("role")
                && "ValidationException".equals(AwsFailures.errorCode(service))) {
            String role = roleArn.substring(roleArn.lastIndexOf('/') + 1);
            return new DriverException("role " + role + " not found or SageMaker cannot assume it: pass "
                    + "--config.role_name=ARN of a role SageMaker can assume", e);
        }
        return AwsFailures.describe("start training job " + name, e);
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("interrupted while starting a training job", e);
        }
    }
}
