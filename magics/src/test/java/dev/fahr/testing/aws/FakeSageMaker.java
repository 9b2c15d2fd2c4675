package dev.fahr.testing.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AuthConfig;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * SageMaker's training-job calls (Create, Describe, List, Stop), each job really run in the local
 * Docker engine by a {@link TrainingJobRun}. Beyond the model's shape rules it enforces the rules
 * SageMaker checks itself: unique names, a role it can assume, InstanceCount of at least 1, and
 * MaxWaitTimeInSeconds only with spot training and not below MaxRuntimeInSeconds.
 */
public final class FakeSageMaker implements JsonService, AutoCloseable {

    private static final ServiceModel MODEL = ServiceModel.load("sagemaker", "2017-07-24");
    private static final int DEFAULT_PAGE = 10;

    private final String account;
    private final String region;
    private final Set<String> assumableRoles = ConcurrentHashMap.newKeySet();
    private final Map<String, TrainingJobRecord> jobs = new ConcurrentHashMap<>();
    private final Map<String, TrainingJobRun> runs = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fake-sagemaker-job");
        thread.setDaemon(true);
        return thread;
    });
    private final DockerClient docker;
    private final AuthConfig registryAuth;
    private final S3Client s3;
    private final FakeCloudWatchLogs logs;
    private final FakeCloudWatch cloudWatch = new FakeCloudWatch();
    private final Path workRoot;
    private volatile String spotInterruptMarker;
    private volatile boolean runJobs = true;

    public FakeSageMaker(String account, String region, DockerClient docker, AuthConfig registryAuth, S3Client s3,
            FakeCloudWatchLogs logs, Path workRoot) {
        this.account = account;
        this.region = region;
        this.docker = docker;
        this.registryAuth = registryAuth;
        this.s3 = s3;
        this.logs = logs;
        this.workRoot = workRoot;
    }

    /** Roles that exist and trust SageMaker; any other RoleArn is refused as SageMaker refuses it. */
    public FakeSageMaker allowRole(String roleArn) {
        assumableRoles.add(roleArn);
        return this;
    }

    /**
     * Fake-only knob, for benchmarks of status polling: from now on CreateTrainingJob registers the job
     * (InProgress, Starting, as SageMaker answers at first) but runs nothing, so it stays in progress.
     */
    public FakeSageMaker withoutRunningJobs() {
        runJobs = false;
        return this;
    }

    /**
     * From now on a managed-spot job is interrupted once, as SageMaker does when spot capacity is reclaimed,
     * right after its output shows a line containing {@code marker}: its container is stopped (SIGTERM, then
     * SIGKILL after 120 s), {@code /opt/ml/checkpoints} is synced to the job's {@code CheckpointConfig.S3Uri},
     * and the job starts again on a "new instance" with those checkpoints restored.
     */
    public FakeSageMaker interruptSpotJobsAfter(String marker) {
        spotInterruptMarker = marker;
        return this;
    }

    /** The CloudWatch metrics this SageMaker publishes; register it with the protocol server to serve them. */
    public FakeCloudWatch cloudWatch() {
        return cloudWatch;
    }

    public int jobCount() {
        return jobs.size();
    }

    /** The job's secondary statuses so far, e.g. [Starting, Downloading, Training, Uploading, Completed]. */
    public List<String> secondaryStatuses(String job) {
        return jobs.get(job).secondaryStatuses();
    }

    public String status(String job) {
        return jobs.get(job).status();
    }

    @Override
    public ServiceModel model() {
        return MODEL;
    }

    @Override
    public JsonNode handle(String operation, JsonNode request) {
        return switch (operation) {
            case "CreateTrainingJob" -> create(request);
            case "DescribeTrainingJob" -> describe(request);
            case "ListTrainingJobs" -> list(request);
            case "StopTrainingJob" -> stop(request);
            default -> throw new AwsServiceError("UnknownOperationException", operation + " is not faked", 400);
        };
    }

    private JsonNode create(JsonNode request) {
        checkSemantics(request);
        String name = request.get("TrainingJobName").asText();
        String arn = "arn:aws:sagemaker:" + region + ":" + account + ":training-job/" + name.toLowerCase(Locale.ROOT);
        TrainingJobRecord job = new TrainingJobRecord(name, arn, request);
        if (jobs.putIfAbsent(name, job) != null) {
            throw new AwsServiceError("ResourceInUse", "Training job names must be unique within an AWS account and "
                    + "region, and a training job with this name already exists (" + arn + ")", 400);
        }
        if (runJobs) {
            TrainingJobRun run = new TrainingJobRun(job, docker, registryAuth, s3, logs, cloudWatch, workRoot,
                    request.path("EnableManagedSpotTraining").asBoolean(false) ? spotInterruptMarker : null);
            runs.put(name, run);
            runner.submit(run);
        }
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("TrainingJobArn", arn);
        return response;
    }

    /** What the model cannot say: SageMaker's own checks of a CreateTrainingJob request. */
    private void checkSemantics(JsonNode request) {
        JsonNode resources = request.get("ResourceConfig");
        if (!resources.has("InstanceGroups")) {
            if (!resources.has("InstanceType")) {
                throw AwsServiceError.validation("1 validation error detected: Value null at "
                        + "'resourceConfig.instanceType' failed to satisfy constraint: Member must not be null");
            }
            if (resources.path("InstanceCount").asInt(0) < 1) {
                throw AwsServiceError.validation("1 validation error detected: Value '"
                        + resources.path("InstanceCount").asText("null") + "' at 'resourceConfig.instanceCount' "
                        + "failed to satisfy constraint: Member must have value greater than or equal to 1");
            }
        }
        JsonNode algorithm = request.get("AlgorithmSpecification");
        if (!algorithm.has("TrainingImage") && !algorithm.has("AlgorithmName")) {
            throw AwsServiceError.validation("Either TrainingImage or AlgorithmName must be specified in "
                    + "AlgorithmSpecification");
        }
        JsonNode stopping = request.get("StoppingCondition");
        boolean spot = request.path("EnableManagedSpotTraining").asBoolean(false);
        if (stopping.has("MaxWaitTimeInSeconds")) {
            if (!spot) {
                throw AwsServiceError.validation("Invalid MaxWaitTimeInSeconds. It is only supported when "
                        + "EnableManagedSpotTraining is set to true");
            }
            if (stopping.get("MaxWaitTimeInSeconds").asLong() < stopping.path("MaxRuntimeInSeconds").asLong(86400)) {
                throw AwsServiceError.validation("Invalid MaxWaitTimeInSeconds. It must be present and be greater "
                        + "than or equal to MaxRuntimeInSeconds");
            }
        } else if (spot) {
            throw AwsServiceError.validation("Invalid MaxWaitTimeInSeconds. It must be present and be greater than "
                    + "or equal to MaxRuntimeInSeconds");
        }
        String role = request.get("RoleArn").asText();
        if (!assumableRoles.contains(role)) {
            throw AwsServiceError.validation("Could not assume role " + role + ". Please ensure that the role exists "
                    + "and allows principal 'sagemaker.amazonaws.com' to assume the role.");
        }
    }

    private TrainingJobRecord job(JsonNode request) {
        TrainingJobRecord job = jobs.get(request.get("TrainingJobName").asText());
        if (job == null) {
            throw new AwsServiceError("ResourceNotFound", "Requested resource not found.", 400);
        }
        return job;
    }

    private JsonNode describe(JsonNode request) {
        TrainingJobRecord job = job(request);
        return job.describe(TrainingJobRun.modelArtifacts(job));
    }

    private JsonNode stop(JsonNode request) {
        TrainingJobRecord job = job(request);
        if (job.ended()) {
            throw AwsServiceError.validation("The request was rejected because the training job is in status "
                    + job.status() + ".");
        }
        if (job.requestStop() && job.containerId() != null) {
            String id = job.containerId();
            // SIGTERM now, SIGKILL after SageMaker's 120 s grace; the run thread sees the exit.
            runner.submit(() -> docker.stopContainerCmd(id).withTimeout(120).exec());
        }
        return JsonNodeFactory.instance.objectNode();
    }

    private JsonNode list(JsonNode request) {
        String contains = request.path("NameContains").asText("").toLowerCase(Locale.ROOT);
        Instant after = request.has("CreationTimeAfter") ? instant(request.get("CreationTimeAfter")) : Instant.MIN;
        String statusEquals = request.path("StatusEquals").asText("");
        Comparator<TrainingJobRecord> order = "Name".equals(request.path("SortBy").asText())
                ? Comparator.comparing(TrainingJobRecord::name)
                : Comparator.comparing(TrainingJobRecord::creationTime);
        if (!"Ascending".equals(request.path("SortOrder").asText())) {
            order = order.reversed();
        }
        List<TrainingJobRecord> matches = new ArrayList<>(jobs.values().stream()
                .filter(j -> j.name().toLowerCase(Locale.ROOT).contains(contains))
                .filter(j -> j.creationTime().isAfter(after))
                .filter(j -> statusEquals.isEmpty() || statusEquals.equals(j.status()))
                .sorted(order).toList());
        int start = request.has("NextToken") ? Integer.parseInt(request.get("NextToken").asText()) : 0;
        int size = request.path("MaxResults").asInt(DEFAULT_PAGE);
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ArrayNode summaries = response.putArray("TrainingJobSummaries");
        matches.subList(Math.min(start, matches.size()), Math.min(start + size, matches.size()))
                .forEach(j -> summaries.add(j.summary()));
        if (start + size < matches.size()) {
            response.put("NextToken", String.valueOf(start + size));
        }
        return response;
    }

    private static Instant instant(JsonNode time) {
        double seconds = time.asDouble();
        return Instant.ofEpochSecond((long) Math.floor(seconds), (long) ((seconds - Math.floor(seconds)) * 1e9));
    }

    /** Stops what still runs and removes the jobs' /opt/ml folders. */
    @Override
    public void close() throws IOException {
        for (TrainingJobRecord job : jobs.values()) {
            String id = job.containerId();
            if (!job.ended() && id != null) {
                try {
                    docker.removeContainerCmd(id).withForce(true).exec();
                } catch (RuntimeException ignored) {
                    // already gone
                }
            }
        }
        runner.shutdownNow();
        for (TrainingJobRun run : runs.values()) {
            run.cleanUp();
        }
        try {
            Files.deleteIfExists(workRoot);
        } catch (IOException e) {
            // a run still writing; the temporary folder is left to the OS
        }
    }
}
