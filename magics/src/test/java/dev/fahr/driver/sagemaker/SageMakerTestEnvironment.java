package dev.fahr.driver.sagemaker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import dev.fahr.job.Hyperparameters;
import dev.fahr.driver.ProgressListener;
import dev.fahr.image.BuildEvent;
import dev.fahr.image.DockerImageBuilder;
import dev.fahr.image.ImageTag;
import dev.fahr.job.ImageDestination;
import dev.fahr.job.ImageRef;
import dev.fahr.job.JobName;
import dev.fahr.job.JobSpec;
import dev.fahr.settings.SettingSource;
import dev.fahr.settings.Settings;
import dev.fahr.testing.aws.AwsProtocolServer;
import dev.fahr.testing.aws.AwsTestCredentials;
import dev.fahr.testing.aws.FakeCloudWatchLogs;
import dev.fahr.testing.aws.FakeEcr;
import dev.fahr.testing.aws.FakePricing;
import dev.fahr.testing.aws.FakeSageMaker;
import dev.fahr.testing.aws.FakeSts;
import dev.fahr.testing.Services;
import dev.fahr.testing.aws.S3ProxyServer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Everything the SageMaker driver talks to, locally: the protocol server (SageMaker, ECR, CloudWatch
 * Logs, STS), S3Proxy, the Docker engine and the password-protected registry; and the driver pointed at
 * them. One per test class.
 */
final class SageMakerTestEnvironment implements AutoCloseable {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final String ROLE_NAME = "fahr-test-role";
    static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/" + ROLE_NAME;
    static final String BUCKET = "fahr-test-bucket";
    static final String OUTPUT_PATH = "s3://" + BUCKET + "/jobs/";

    final Services services;
    final AwsTestCredentials credentials;
    final S3ProxyServer s3Proxy;
    final S3Client s3;
    final DockerClient docker;
    final FakePricing pricing = new FakePricing();
    final FakeCloudWatchLogs logs = new FakeCloudWatchLogs();
    final FakeEcr ecr;
    final FakeSageMaker sageMaker;
    final AwsProtocolServer server;
    final SageMakerDriver driver;
    private final Path workRoot;

    /** With the Docker engine and registry: jobs really run. */
    SageMakerTestEnvironment() throws Exception {
        this(true);
    }

    /**
     * {@code withEngine} false: AWS stand-ins only, for tests of requests, settings and S3; a job created
     * there fails at once (it has no engine to run in).
     */
    SageMakerTestEnvironment(boolean withEngine) throws Exception {
        services = withEngine ? Services.require()
                : new Services("unused", "127.0.0.1:9", "AWS", "unused");
        credentials = AwsTestCredentials.withTestKeys();
        s3Proxy = new S3ProxyServer(AwsTestCredentials.ACCESS_KEY, AwsTestCredentials.SECRET_KEY);
        s3 = s3Proxy.client();
        s3.createBucket(r -> r.bucket(BUCKET));
        if (withEngine) {
            DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
            docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost()).build());
        } else {
            docker = null;
        }
        AuthConfig registryAuth = new AuthConfig().withUsername(services.registryUser())
                .withPassword(services.registryPassword()).withRegistryAddress("https://" + services.registry());
        ecr = new FakeEcr(services.registry(), services.registryPassword(), ACCOUNT);
        workRoot = Files.createTempDirectory("fahr-sagemaker-jobs-");
        sageMaker = new FakeSageMaker(ACCOUNT, REGION, docker, registryAuth, s3, logs, workRoot).allowRole(ROLE_ARN);
        server = new AwsProtocolServer().register(sageMaker).register(ecr).register(logs)
                .registerSts(new FakeSts(ACCOUNT)).registerCloudWatch(sageMaker.cloudWatch()).register(pricing);
        // Short log polls and launch back-offs keep the tests fast; the logic is the production one.
        driver = new SageMakerDriver(SageMakerEndpoints.allAt(server.endpoint(), s3Proxy.endpoint()),
                Duration.ofMillis(200), duration -> Thread.sleep(Math.min(duration.toMillis(), 100)));
    }

    Settings settings(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("output_path", OUTPUT_PATH);
        values.put("role_name", ROLE_ARN);
        values.put("region", REGION);
        values.putAll(overrides);
        return Settings.resolve(SageMakerSettings.SCHEMA, List.of(new SettingSource("test", values)));
    }

    Settings settings() {
        return settings(Map.of());
    }

    /** Builds the test trainer (train.sh on busybox) with a unique layer, so its first push pushes. */
    ImageRef buildTrainerImage() throws IOException {
        Path context = Files.createTempDirectory("fahr-trainer-");
        for (String file : List.of("Dockerfile", "train.sh")) {
            try (InputStream in = getClass().getResourceAsStream(file)) {
                Files.copy(in, context.resolve(file));
            }
        }
        Files.writeString(context.resolve("build-id"), UUID.randomUUID().toString());
        Files.writeString(context.resolve("Dockerfile"), "COPY build-id /fahr/build-id\n",
                java.nio.file.StandardOpenOption.APPEND);
        String tag = "fahr-sm-trainer:" + UUID.randomUUID().toString().substring(0, 12);
        docker.buildImageCmd(context.toFile()).withTags(Set.of(tag)).exec(new BuildImageResultCallback())
                .awaitImageId();
        return ImageRef.of(tag);
    }

    /**
     * Pushes a trainer image where the driver's jobs pull from (the ECR stand-in's repository), as fit does,
     * and returns it pinned; {@code events} gets the push's build events.
     */
    ImageRef push(ImageRef local, Settings settings, List<BuildEvent> events) {
        String[] nameAndTag = local.reference().split(":");
        ImageDestination destination = driver.imageDestination(nameAndTag[0], settings, ProgressListener.NONE)
                .orElseThrow();
        try (DockerImageBuilder engine = DockerImageBuilder.connect(Optional.empty(), System.getenv())) {
            return engine.push(new ImageTag(nameAndTag[0], nameAndTag[1]), destination, events::add);
        }
    }

    JobSpec spec(JobName name, ImageRef image, Map<String, String> hyperparameters, Settings settings) {
        return JobSpec.builder().name(name).driver("sagemaker").image(image)
                .hyperparameters(new Hyperparameters(hyperparameters))
                .settings(settings).jobFolder(Path.of("trainer")).build();
    }

    static JobName newJobName(String base) {
        return JobName.generate(base, java.time.Clock.systemUTC());
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        sageMaker.close();
        s3.close();
        s3Proxy.close();
        if (docker != null) {
            docker.close();
        }
        credentials.close();
    }
}
