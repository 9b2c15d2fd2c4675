package dev.fahr.testing.aws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;

import dev.fahr.driver.ModelArchive;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Runs one training job as SageMaker would on one instance: pull the image, lay out /opt/ml, download
 * the channels, run {@code IMAGE train}, stream its output to CloudWatch Logs, and upload
 * {@code /opt/ml/model} as {@code model.tar.gz}. Follows the "bring your own container" contract.
 */
final class TrainingJobRun implements Runnable {

    static final String LOG_GROUP = "/aws/sagemaker/TrainingJobs";
    /** Where SageMaker publishes the values its MetricDefinitions find. */
    static final String METRIC_NAMESPACE = "/aws/sagemaker/TrainingJobs";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrainingJobRecord job;
    private final DockerClient docker;
    private final AuthConfig registryAuth;
    private final S3Client s3;
    private final FakeCloudWatchLogs logs;
    private final FakeCloudWatch metrics;
    private final Path workRoot;
    /** A spot job is interrupted once, right after it prints a line containing this; null: never. */
    private volatile String interruptMarker;
    private volatile boolean interrupting;
    private volatile String containerId;

    /** A container stopped because its spot instance was reclaimed. */
    private static final int INTERRUPTED = Integer.MIN_VALUE + 1;

    TrainingJobRun(TrainingJobRecord job, DockerClient docker, AuthConfig registryAuth, S3Client s3,
            FakeCloudWatchLogs logs, FakeCloudWatch metrics, Path workRoot, String interruptMarker) {
        this.interruptMarker = interruptMarker;
        this.job = job;
        this.docker = docker;
        this.registryAuth = registryAuth;
        this.s3 = s3;
        this.logs = logs;
        this.metrics = metrics;
        this.workRoot = workRoot;
    }

    static String modelArtifacts(TrainingJobRecord job) {
        String output = job.request().path("OutputDataConfig").path("S3OutputPath").asText();
        return (output.endsWith("/") ? output : output + "/") + job.name() + "/output/model.tar.gz";
    }

    static String outputData(TrainingJobRecord job) {
        String output = job.request().path("OutputDataConfig").path("S3OutputPath").asText();
        return (output.endsWith("/") ? output : output + "/") + job.name() + "/output/output.tar.gz";
    }

    @Override
    public void run() {
        try {
            Path ml = Files.createDirectories(workRoot.resolve(job.name()).resolve("opt-ml"));
            job.transition("InProgress", "Downloading", "Downloading input data and the training image");
            String image = job.request().path("AlgorithmSpecification").path("TrainingImage").asText();
            pull(image);
            writeConfig(ml);
            downloadChannels(ml);
            if (job.stopRequested()) {
                job.transition("Stopped", "Stopped", "Training job stopped before it began");
                return;
            }
            job.transition("InProgress", "Training", "Training image download completed. Training in progress.");
            int exitCode = train(image, ml);
            while (exitCode == INTERRUPTED && !job.stopRequested()) {
                syncCheckpoints(ml);
                job.transition("InProgress", "Interrupted", "Training job interrupted: spot capacity was reclaimed");
                job.transition("InProgress", "Restarting", "Restarting the training job on a new instance");
                restoreCheckpoints(ml);
                job.transition("InProgress", "Training", "Training resumed from the checkpoints in " + checkpointUri());
                exitCode = train(image, ml);
            }
            if (job.stopRequested()) {
                upload(ml);
                job.transition("Stopped", "Stopped", "Training job stopped");
            } else if (exitCode == Integer.MIN_VALUE) {
                job.transition("Stopped", "MaxRuntimeExceeded", "Training job exceeded MaxRuntimeInSeconds");
                job.transition("Stopped", "Stopped", "Training job stopped");
            } else if (exitCode != 0) {
                Path failure = ml.resolve("output/failure");
                String reason = Files.isRegularFile(failure) ? Files.readString(failure).strip()
                        : "AlgorithmError: the training container exited with code " + exitCode;
                uploadOutputData(ml);
                job.fail(reason.isEmpty() ? "AlgorithmError: exit code " + exitCode : reason);
            } else {
                job.transition("InProgress", "Uploading", "Uploading generated training model");
                upload(ml);
                job.transition("Completed", "Completed", "Training job completed");
            }
        } catch (Exception e) {
            job.fail("InternalServerError: " + e);
        }
    }

    private void pull(String image) throws InterruptedException {
        try {
            docker.pullImageCmd(image).withAuthConfig(registryAuth).exec(new PullImageResultCallback())
                    .awaitCompletion(5, TimeUnit.MINUTES);
        } catch (RuntimeException e) {
            throw new IllegalStateException("ClientError: cannot pull the training image " + image + ": "
                    + e.getMessage(), e);
        }
    }

    private void writeConfig(Path ml) throws IOException {
        Path config = Files.createDirectories(ml.resolve("input/config"));
        Files.createDirectories(ml.resolve("model"));
        Files.createDirectories(ml.resolve("output"));
        Files.createDirectories(ml.resolve("input/data"));
        JsonNode hyperparameters = job.request().path("HyperParameters");
        JSON.writeValue(config.resolve("hyperparameters.json").toFile(),
                hyperparameters.isMissingNode() ? JSON.createObjectNode() : hyperparameters);
        ObjectNode channels = JsonNodeFactory.instance.objectNode();
        for (JsonNode channel : job.request().path("InputDataConfig")) {
            ObjectNode entry = channels.putObject(channel.get("ChannelName").asText());
            entry.put("TrainingInputMode", job.request().path("AlgorithmSpecification").path("TrainingInputMode").asText());
            entry.put("S3DistributionType", channel.path("DataSource").path("S3DataSource")
                    .path("S3DataDistributionType").asText("FullyReplicated"));
            entry.put("RecordWrapperType", "None");
        }
        JSON.writeValue(config.resolve("inputdataconfig.json").toFile(), channels);
        ObjectNode resources = JsonNodeFactory.instance.objectNode();
        resources.put("current_host", "algo-1");
        resources.putArray("hosts").add("algo-1");
        resources.put("network_interface_name", "eth0");
        JSON.writeValue(config.resolve("resourceconfig.json").toFile(), resources);
    }

    private void downloadChannels(Path ml) throws IOException {
        for (JsonNode channel : job.request().path("InputDataConfig")) {
            String uri = channel.path("DataSource").path("S3DataSource").path("S3Uri").asText();
            ObjectPath channelPath = ObjectPath.of(uri);
            String bucket = channelPath.bucket();
            String prefix = channelPath.key();
            Path target = Files.createDirectories(ml.resolve("input/data").resolve(channel.get("ChannelName").asText()));
            List<S3Object> objects = new ArrayList<>();
            s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().forEach(objects::add);
            if (objects.isEmpty()) {
                throw new IllegalStateException("ClientError: no objects under " + uri);
            }
            int cut = prefix.isEmpty() || prefix.endsWith("/") ? prefix.length() : prefix.lastIndexOf('/') + 1;
            for (S3Object object : objects) {
                Path file = target.resolve(object.key().substring(cut)).normalize();
                if (!file.startsWith(target)) {
                    continue;
                }
                Files.createDirectories(file.getParent());
                Files.deleteIfExists(file);
                s3.getObject(r -> r.bucket(bucket).key(object.key()), ResponseTransformer.toFile(file));
            }
        }
    }

    /** The container's exit code; {@code Integer.MIN_VALUE} when it ran out of MaxRuntimeInSeconds. */
    private int train(String image, Path ml) throws Exception {
        List<String> env = new ArrayList<>();
        env.add("TRAINING_JOB_NAME=" + job.name());
        env.add("TRAINING_JOB_ARN=" + job.arn());
        for (Map.Entry<String, JsonNode> e : iterable(job.request().path("Environment"))) {
            env.add(e.getKey() + "=" + e.getValue().asText());
        }
        String id = docker.createContainerCmd(image)
                .withName("fahr-sm-" + job.name())
                .withCmd("train")
                .withEnv(env)
                .withHostConfig(HostConfig.newHostConfig()
                        .withBinds(new Bind(ml.toString(), new Volume("/opt/ml")))
                        .withNetworkMode("none"))
                .exec().getId();
        job.containerId(id);
        this.containerId = id;
        String stream = job.name() + "/algo-1-" + (System.currentTimeMillis() / 1000);
        logs.createStream(LOG_GROUP, stream);
        docker.startContainerCmd(id).exec();
        if (job.stopRequested()) {
            docker.stopContainerCmd(id).withTimeout(120).exec();
        }
        try (LogForwarder forwarder = docker.logContainerCmd(id).withStdOut(true).withStdErr(true)
                .withFollowStream(true).exec(new LogForwarder(stream))) {
            long maxRuntime = job.request().path("StoppingCondition").path("MaxRuntimeInSeconds").asLong(86400);
            Integer code;
            try {
                code = docker.waitContainerCmd(id).start().awaitStatusCode(maxRuntime, TimeUnit.SECONDS);
            } catch (DockerClientException timeout) {
                docker.stopContainerCmd(id).withTimeout(120).exec();
                forwarder.awaitCompletion(30, TimeUnit.SECONDS);
                return Integer.MIN_VALUE;
            }
            forwarder.awaitCompletion(30, TimeUnit.SECONDS);
            if (interrupting) {
                interrupting = false;
                return INTERRUPTED;
            }
            return code;
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }

    private String checkpointUri() {
        String uri = job.request().path("CheckpointConfig").path("S3Uri").asText("");
        if (uri.isEmpty()) {
            throw new IllegalStateException("InternalServerError: a spot job without CheckpointConfig was interrupted");
        }
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /** As SageMaker does for spot jobs: what the job left in /opt/ml/checkpoints goes to the checkpoint URI. */
    private void syncCheckpoints(Path ml) throws IOException {
        Path local = ml.resolve("checkpoints");
        ObjectPath checkpoints = ObjectPath.of(checkpointUri());
        String bucket = checkpoints.bucket();
        String prefix = checkpoints.key();
        if (!Files.isDirectory(local)) {
            return;
        }
        try (Stream<Path> files = Files.walk(local)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = prefix + local.relativize(file).toString().replace('\\', '/');
                s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromFile(file));
            }
        }
    }

    /** The new instance starts with the checkpoints from S3, and nothing else of the old one. */
    private void restoreCheckpoints(Path ml) throws IOException {
        Path local = ml.resolve("checkpoints");
        dev.fahr.files.FileTree.delete(local);
        Files.createDirectories(local);
        ObjectPath checkpoints = ObjectPath.of(checkpointUri());
        String bucket = checkpoints.bucket();
        String prefix = checkpoints.key();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
            Path file = local.resolve(object.key().substring(prefix.length())).normalize();
            Files.createDirectories(file.getParent());
            s3.getObject(r -> r.bucket(bucket).key(object.key()), ResponseTransformer.toFile(file));
        }
    }

    private void upload(Path ml) throws IOException {
        Path archive = workRoot.resolve(job.name()).resolve("model.tar.gz");
        ModelArchive.pack(ml.resolve("model"), archive);
        ObjectPath model = ObjectPath.of(modelArtifacts(job));
        s3.putObject(r -> r.bucket(model.bucket()).key(model.key()), RequestBody.fromFile(archive));
        uploadOutputData(ml);
    }

    /**
     * SageMaker uploads {@code /opt/ml/output/data} (where fahr's runner saves the executed notebook) as
     * {@code <output path>/<job>/output/output.tar.gz}, for completed, stopped and failed jobs alike.
     */
    private void uploadOutputData(Path ml) throws IOException {
        Path data = ml.resolve("output/data");
        boolean empty;
        try (Stream<Path> files = Files.exists(data) ? Files.list(data) : Stream.empty()) {
            empty = files.findAny().isEmpty();
        }
        if (empty) {
            return;
        }
        Path archive = workRoot.resolve(job.name()).resolve("output.tar.gz");
        ModelArchive.pack(data, archive);
        ObjectPath output = ObjectPath.of(outputData(job));
        s3.putObject(r -> r.bucket(output.bucket()).key(output.key()), RequestBody.fromFile(archive));
    }

    /** Removes the job's /opt/ml folder (root-owned files written by the container). */
    void cleanUp() throws IOException {
        dev.fahr.files.FileTree.delete(workRoot.resolve(job.name()));
    }

    /** {@code s3://bucket/key}, split as S3 reads it (the fake keeps its own reading, not fahr's). */
    private record ObjectPath(String bucket, String key) {
        static ObjectPath of(String uri) {
            String rest = uri.substring("s3://".length());
            int slash = rest.indexOf('/');
            return slash < 0 ? new ObjectPath(rest, "") : new ObjectPath(rest.substring(0, slash), rest.substring(slash + 1));
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }

    /** Splits the container's output into lines, each one log event stamped when it arrived. */
    private final class LogForwarder extends ResultCallback.Adapter<Frame> {
        private final String stream;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        LogForwarder(String stream) {
            this.stream = stream;
        }

        @Override
        public synchronized void onNext(Frame frame) {
            for (byte b : frame.getPayload()) {
                if (b == '\n') {
                    flushLine();
                } else {
                    partial.write(b);
                }
            }
        }

        @Override
        public synchronized void onComplete() {
            if (partial.size() > 0) {
                flushLine();
            }
            super.onComplete();
        }

        private void flushLine() {
            long now = System.currentTimeMillis();
            String line = partial.toString(StandardCharsets.UTF_8);
            logs.append(LOG_GROUP, stream, now, line);
            job.observe(line, now).forEach((metric, value) -> metrics.record(job.name(), metric, now, value));
            partial.reset();
            String marker = interruptMarker;
            if (marker != null && line.contains(marker)) {
                interruptMarker = null; // once per job
                interrupting = true;
                String id = containerId;
                // Reclaimed: SIGTERM now, SIGKILL after SageMaker's two minutes; off the log thread.
                new Thread(() -> docker.stopContainerCmd(id).withTimeout(120).exec(), "spot-reclaim").start();
            }
        }
    }
}
