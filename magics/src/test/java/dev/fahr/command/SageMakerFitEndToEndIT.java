package dev.fahr.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import dev.fahr.job.JobState;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import dev.fahr.testing.aws.AwsProtocolServer;
import dev.fahr.testing.aws.AwsTestCredentials;
import dev.fahr.testing.aws.FakeCloudWatchLogs;
import dev.fahr.testing.aws.FakeEcr;
import dev.fahr.testing.aws.FakePricing;
import dev.fahr.testing.aws.FakeSageMaker;
import dev.fahr.testing.aws.FakeSts;
import dev.fahr.testing.FaultLedger;
import dev.fahr.testing.Services;
import dev.fahr.testing.TestRegistry;
import dev.fahr.testing.aws.S3ProxyServer;
import dev.fahr.workflow.DriverRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * A Java notebook taken to SageMaker by the same command classes the {@code %fahr_*} magics and the
 * {@code fahr} command line run ({@link FahrCommand#execute}), with the driver the registry discovers:
 * its AWS SDK clients are unmodified but for the endpoints, which the hidden {@code fahr.aws.endpoint.*}
 * system properties point at the protocol test server (SageMaker, ECR, CloudWatch Logs, STS) and at
 * S3Proxy; credentials come from a temporary credentials file, as from {@code aws configure}. Images go
 * to the password-protected registry through the ECR stand-in, and the fake SageMaker runs each job in
 * the local Docker engine. Needs scripts/with-services.sh.
 */
class SageMakerFitEndToEndIT extends ProjectEndToEnd {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";
    private static final String ROLE_NAME = "fahr-test-role";
    private static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/" + ROLE_NAME;
    private static final String BUCKET = "fahr-e2e-bucket";
    private static final String OUTPUT_PATH = "s3://" + BUCKET + "/jobs/";
    private static final String[] ENDPOINTS = {"sagemaker", "ecr", "logs", "sts", "cloudwatch", "pricing", "s3"};
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);

    private static AwsTestCredentials credentials;
    private static S3ProxyServer s3Proxy;
    private static S3Client s3;
    private static DockerClient docker;
    private static FakeCloudWatchLogs logs;
    private static FakeSageMaker sageMaker;
    private static AwsProtocolServer server;
    private static FakeEcr ecr;
    private static SageMakerClient sageMakerClient;
    private static final FakePricing pricing = new FakePricing();

    @BeforeAll
    static void startServices() throws Exception {
        Services services = Services.require();
        credentials = AwsTestCredentials.withTestKeys();
        s3Proxy = new S3ProxyServer(AwsTestCredentials.ACCESS_KEY, AwsTestCredentials.SECRET_KEY);
        s3 = s3Proxy.client();
        s3.createBucket(r -> r.bucket(BUCKET));
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).build());
        AuthConfig registryAuth = new AuthConfig().withUsername(services.registryUser())
                .withPassword(services.registryPassword()).withRegistryAddress("https://" + services.registry());
        logs = new FakeCloudWatchLogs();
        sageMaker = new FakeSageMaker(ACCOUNT, REGION, docker, registryAuth, s3, logs,
                Files.createTempDirectory("fahr-sagemaker-fit-")).allowRole(ROLE_ARN);
        server = new AwsProtocolServer().register(sageMaker)
                .register(ecr = new FakeEcr(services.registry(), services.registryPassword(), ACCOUNT)).register(logs)
                .registerSts(new FakeSts(ACCOUNT)).registerCloudWatch(sageMaker.cloudWatch()).register(pricing);
        // Prices are cached per user; this run keeps its own.
        System.setProperty("fahr.prices.cache", Files.createTempDirectory("fahr-prices-").resolve("prices.json").toString());
        for (String service : ENDPOINTS) {
            URI endpoint = service.equals("s3") ? s3Proxy.endpoint() : server.endpoint();
            System.setProperty("fahr.aws.endpoint." + service, endpoint.toString());
        }
        // The test's own look at what the fake recorded, through the same wire protocol.
        sageMakerClient = SageMakerClient.builder().endpointOverride(server.endpoint()).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        AwsTestCredentials.ACCESS_KEY, AwsTestCredentials.SECRET_KEY)))
                .build();
    }

    @AfterAll
    static void stopServices() throws Exception {
        for (String service : ENDPOINTS) {
            System.clearProperty("fahr.aws.endpoint." + service);
        }
        System.clearProperty("fahr.prices.cache");
        if (sageMakerClient != null) {
            sageMakerClient.close();
        }
        if (server != null) {
            server.close();
        }
        if (sageMaker != null) {
            sageMaker.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (s3Proxy != null) {
            s3Proxy.close();
        }
        if (docker != null) {
            docker.close();
        }
        if (credentials != null) {
            credentials.close();
        }
    }

    /** init's options for SageMaker, as a user types them: the role by name, a local folder as a channel. */
    private static List<String> sageMakerOptions(String outputPath, String role, Path trainData) {
        List<String> options = new ArrayList<>(List.of("--train-driver=sagemaker",
                "--config.output_path=" + outputPath, "--config.role_name=" + role, "--config.region=" + REGION));
        if (trainData != null) {
            options.add("--config.input.train=" + trainData);
        }
        return options;
    }

    private int init(String notebook, List<String> options) {
        List<String> args = new ArrayList<>(List.of("init", notebook));
        args.addAll(options);
        return run(args.toArray(String[]::new));
    }

    private Path trainData() throws Exception {
        Path data = Files.createDirectories(project.resolve("data/train"));
        Files.writeString(data.resolve("train.txt"), "hello-data");
        return data;
    }

    /** A quickstart-like notebook: a parameters cell, then training that reads the train channel. */
    private Path trainingNotebook(String folder, String... extraCells) throws Exception {
        List<String> cells = new ArrayList<>(List.of(
                "String data = Files.readString(Fahr.inputDir(\"train\").resolve(\"train.txt\")).strip();\n"
                        + "System.out.println(\"training for \" + epochs + \" epochs on \" + data);",
                "Files.writeString(Fahr.modelDir().resolve(\"model.txt\"), \"epochs=\" + epochs + \" data=\" + data);"));
        cells.addAll(List.of(extraCells));
        return TestNotebooks.javaNotebook(project.resolve("models/" + folder + "/train.ipynb"), "int epochs = 1;",
                cells.toArray(String[]::new));
    }

    private String launchOne(String... fitArgs) {
        int before = launchedJobs().size();
        assertEquals(0, run(fitArgs), errors.toString());
        List<String> jobs = launchedJobs();
        assertEquals(before + 1, jobs.size(), output.lines.toString());
        return jobs.get(jobs.size() - 1);
    }

    private JobRecord record(String job) {
        return commands.record(job);
    }

    private JobRecord awaitState(String job, JobState state) throws InterruptedException {
        JobRecord record = commands.awaitEnd(job, JOB_TIMEOUT, () -> "logs: " + jobLog(job));
        assertEquals(state, record.state(), () -> record + "\nlogs: " + jobLog(job));
        return record;
    }

    private static List<String> jobLog(String job) {
        return logs.messages("/aws/sagemaker/TrainingJobs", job + "/");
    }

    private String trainingImage(String job) {
        return sageMakerClient.describeTrainingJob(r -> r.trainingJobName(job)).algorithmSpecification()
                .trainingImage();
    }

    @Test
    void aJavaNotebookTrainsOnSageMakerAndItsModelAndExecutedNotebookComeBack() throws Exception {
        Path notebook = trainingNotebook("exp");
        assertEquals(0, init("models/exp/train.ipynb", sageMakerOptions(OUTPUT_PATH, ROLE_NAME, trainData())),
                errors.toString());
        String properties = Files.readString(notebook.resolveSibling("fahr.properties"));
        assertTrue(properties.contains("train_driver=sagemaker"), properties);

        String job = launchOne("fit", "models/exp/train.ipynb", "--hp", "epochs=3");
        JobRecord launched = record(job);
        assertEquals("sagemaker", launched.driver());
        assertTrue(launched.consoleUrl().orElse("").endsWith("#/jobs/" + job), launched.toString());

        // The image went to the ECR stand-in's registry and the job runs the digest that push reported.
        String image = trainingImage(job);
        assertTrue(image.startsWith(Services.require().registry() + "/fahr-"), image);
        assertTrue(image.matches(".+@sha256:[0-9a-f]{64}"), image);
        assertEquals(launched.imageDigest().orElseThrow(), image.substring(image.indexOf('@') + 1), launched.toString());

        JobRecord done = awaitState(job, JobState.COMPLETED);
        assertEquals(Map.of("epochs", "3"), done.hyperparameters());
        // Its cost: the billable seconds SageMaker reported, at the price list's $0.23 an hour.
        assertTrue(done.cost().orElseThrow().finished(), done.toString());
        assertTrue(done.cost().get().usd() > 0 && done.cost().get().usd() < 0.23 / 3600 * 180, done.toString());
        assertEquals("Completed", done.secondaryStatus());
        assertEquals(List.of("Starting", "Downloading", "Training", "Uploading", "Completed"),
                sageMaker.secondaryStatuses(job));

        output.lines.clear();
        assertEquals(0, run("logs", job), errors.toString());
        assertTrue(output.lines.contains("training for 3 epochs on hello-data"), output.lines.toString());

        output.lines.clear();
        assertEquals(0, run("fetch", job, "fetched"), errors.toString());
        assertEquals("epochs=3 data=hello-data", Files.readString(project.resolve("fetched/model.txt")));
        Path executed = project.resolve("fetched/train.executed.ipynb");
        assertTrue(Files.isRegularFile(executed), output.lines + " " + listing(project.resolve("fetched")));
        assertTrue(Files.readString(executed).contains("training for 3 epochs on hello-data"));
        // The command's last line names what the folder now holds, the notebook from output.tar.gz included.
        assertTrue(output.lines.stream().anyMatch(line -> line.startsWith("fetched " + job + " into ")
                && line.contains(": model.tar.gz, ") && line.contains("model.txt")
                && line.contains("train.executed.ipynb")), output.lines.toString());

        // A completed job cannot be stopped; the command says so instead of calling SageMaker.
        output.lines.clear();
        assertEquals(0, run("stop", job), errors.toString());
        assertTrue(output.lines.contains(job + " has already ended (" + done.state().label() + ")"),
                output.lines.toString());
    }

    /**
     * A 3-job grid that reports its loss per epoch and its accuracy with {@code Fahr.metric}: SageMaker gets
     * MetricDefinitions for both names (the fake validates them and applies them to the job's real log), the
     * status table shows FinalMetricDataList's values with the best marked, and the grid's curves come from
     * one GetMetricData call.
     */
    @Test
    void aGridsMetricsAreDefinedShownAndPlottedFromOneCall() throws Exception {
        TestNotebooks.javaNotebook(project.resolve("models/metrics/train.ipynb"), "int batch_size = 128;",
                "for (int epoch = 0; epoch < 3; epoch++) {\n"
                        + "    Fahr.metric(\"loss\", 1.0 / (epoch + 1) + batch_size / 10000.0);\n"
                        + "    Thread.sleep(1050);\n"
                        + "}",
                "Fahr.metric(\"accuracy\", 1 - batch_size / 1000.0);");
        assertEquals(0, init("models/metrics/train.ipynb", sageMakerOptions(OUTPUT_PATH, ROLE_NAME, null)),
                errors.toString());
        assertEquals(0, run("fit", "models/metrics/train.ipynb", "--hp", "batch_size=128,256,512"), errors.toString());
        List<String> jobs = launchedJobs();
        assertEquals(3, jobs.size(), output.lines.toString());
        String grid = record(jobs.get(0)).grid().orElseThrow();

        var definitions = sageMakerClient.describeTrainingJob(r -> r.trainingJobName(jobs.get(0)))
                .algorithmSpecification().metricDefinitions();
        Map<String, String> regexes = new java.util.TreeMap<>();
        definitions.forEach(d -> regexes.put(d.name(), d.regex()));
        assertEquals(Map.of("accuracy", dev.fahr.runtime.MetricLine.regexFor("accuracy"),
                "loss", dev.fahr.runtime.MetricLine.regexFor("loss")), regexes);

        for (String job : jobs) {
            awaitState(job, JobState.COMPLETED);
        }
        output.tables.clear();
        assertEquals(0, run("status", grid, "--no-watch", "--sort=-accuracy"), errors.toString());
        Table table = output.tables.get(output.tables.size() - 1);
        int accuracy = table.columns().indexOf("accuracy");
        int loss = table.columns().indexOf("loss");
        assertTrue(accuracy > 0 && loss > 0, table.columns().toString());
        List<Table.Row> rows = table.rows();
        assertEquals(jobs.get(0), rows.get(0).cells().get(0).text(), TableText.render(table));
        assertEquals("0.872", rows.get(0).cells().get(accuracy).text(), TableText.render(table));
        assertTrue(rows.get(0).cells().get(accuracy).best(), TableText.render(table));
        assertEquals("0.488", rows.get(2).cells().get(accuracy).text(), TableText.render(table));
        // The final loss of batch_size=128 is 1/3 + 0.0128: the last value the job's log printed.
        assertEquals("0.3461", rows.get(0).cells().get(loss).text(), TableText.render(table));
        assertTrue(rows.get(0).cells().get(loss).best(), TableText.render(table));

        server.resetCalls();
        assertEquals(0, run("plot", "loss", grid, "--output", "loss.svg"), errors.toString());
        assertEquals(1, server.calls("GetMetricData"), "one call for the grid's three curves: "
                + jobs.stream().map(j -> record(j).settings()).toList());
        String svg = Files.readString(project.resolve("loss.svg"));
        for (String batch : List.of("128", "256", "512")) {
            assertTrue(svg.contains("batch_size=" + batch), svg.length() + " characters, no label for " + batch);
        }
        assertEquals(0, run("plot", "loss", grid, "--output", "loss.png"), errors.toString());
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(project.resolve("loss.png").toFile());
        assertEquals(720, png.getWidth());
    }

    /**
     * Where no Docker engine answers (SageMaker Studio, JupyterHub on Kubernetes), fit builds with Jib, says so
     * in one line, and pushes straight to ECR; the job runs that digest. A re-fit after one cell changed
     * uploads only the script's layer and the image config, as the registry's own log shows.
     */
    @Test
    void withoutADockerEngineFitBuildsWithJibAndARefitUploadsOnlyTheScriptLayer() throws Exception {
        TestRegistry registry = TestRegistry.require();
        String base = registry.push("eclipse-temurin:21-jdk", "library/eclipse-temurin:21-jdk");
        registry.dockerLogin(project, true); // HOME is the project: the base image's login, as docker login leaves it
        commands.environment("DOCKER_HOST", "unix://" + project.resolve("no-engine.sock"));
        Path notebook = trainingNotebook("nodocker");
        List<String> options = new ArrayList<>(sageMakerOptions(OUTPUT_PATH, ROLE_NAME, trainData()));
        options.add("--train-image=" + base);
        // A repository of this run's own: the registry outlives the test, and its blobs would be there already.
        String repository = "fahr-nodocker-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        options.add("--config.ecr_repository=" + repository);
        assertEquals(0, init("models/nodocker/train.ipynb", options), errors.toString());

        String job = launchOne("fit", "models/nodocker/train.ipynb", "--hp", "epochs=2");
        assertTrue(output.lines.contains("no Docker engine answers at unix://" + project.resolve("no-engine.sock")
                + ": building with Jib, which needs none (--builder=docker to insist on an engine)"), output.lines.toString());
        JobRecord launched = record(job);
        String image = trainingImage(job);
        assertTrue(image.startsWith(Services.require().registry() + "/" + repository + "@sha256:"), image);
        assertEquals(launched.imageDigest().orElseThrow(), image.substring(image.indexOf('@') + 1));
        awaitState(job, JobState.COMPLETED);
        output.lines.clear();
        assertEquals(0, run("logs", job), errors.toString());
        assertTrue(output.lines.contains("training for 2 epochs on hello-data"), output.lines.toString());

        String text = Files.readString(notebook);
        assertTrue(text.contains("model.txt"));
        Files.writeString(notebook, text.replace("model.txt", "weights.txt")); // one cell changed
        long mark = registry.mark();
        String second = launchOne("fit", "models/nodocker/train.ipynb", "--hp", "epochs=2");
        String pinned = trainingImage(second);
        JsonNode manifest = registry.manifest(repository,
                pinned.substring(pinned.indexOf('@') + 1));
        JsonNode layers = manifest.path("layers");
        assertEquals(java.util.Set.of(layers.get(layers.size() - 1).path("digest").asText(),
                        manifest.at("/config/digest").asText()),
                java.util.Set.copyOf(registry.uploadsSince(mark, repository)),
                "only the script's layer and the image config were uploaded again");
        assertEquals(JobState.COMPLETED, awaitState(second, JobState.COMPLETED).state());
    }

    /** --dry-run: the estimate for a grid (price list x instances x max_runtime x jobs), and nothing launched. */
    @Test
    void aDryRunShowsTheEstimateOfAGridAndLaunchesNothing() throws Exception {
        trainingNotebook("estimate");
        assertEquals(0, init("models/estimate/train.ipynb", sageMakerOptions(OUTPUT_PATH, ROLE_NAME, trainData())),
                errors.toString());
        System.setProperty("fahr.prices.cache", project.resolve("prices.json").toString()); // nothing cached yet
        server.resetCalls();
        int jobsBefore = sageMaker.jobCount();
        assertEquals(0, run("fit", "models/estimate/train.ipynb", "--hp", "epochs=1,2,3", "--config.max_runtime=3600",
                "--dry-run"), errors.toString());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertTrue(output.lines.contains("Cost: 3 jobs × 1 ml.m5.xlarge ($0.23/h) × at most 1 h = at most $0.69"
                + " (price list of " + today + ")"), output.lines.toString());
        assertTrue(output.lines.contains("Dry run: 3 jobs would be launched on sagemaker; nothing was built, pushed or"
                + " launched."), output.lines.toString());
        assertTrue(output.lines.contains("  epochs=3"), output.lines.toString());
        assertEquals(jobsBefore, sageMaker.jobCount());
        assertEquals(0, server.calls("CreateTrainingJob") + server.calls("GetAuthorizationToken"));
        assertEquals(1, server.calls("GetProducts"));

        output.json.clear();
        assertEquals(0, run("fit", "models/estimate/train.ipynb", "--config.max_runtime=7200", "--dry-run", "--json"),
                errors.toString());
        JsonNode fit = new ObjectMapper().readTree(output.json.get(0));
        assertEquals(0, fit.path("jobs").size());
        assertEquals(0.46, fit.at("/estimate/at_most_usd").asDouble(), 1e-9);
        assertEquals("cache", fit.at("/estimate/price_source").asText(), "the second fit asks no one");
    }

    /** A cap the grid could pass: refused with the numbers and the ways out, before anything is built or pushed. */
    @Test
    void aCapBelowTheUpperBoundRefusesTheLaunchBeforeAnythingIsBuilt() throws Exception {
        trainingNotebook("capped");
        assertEquals(0, init("models/capped/train.ipynb", sageMakerOptions(OUTPUT_PATH, ROLE_NAME, trainData())),
                errors.toString());
        server.resetCalls();
        int jobsBefore = sageMaker.jobCount();
        errors.getBuffer().setLength(0);
        assertEquals(1, run("fit", "models/capped/train.ipynb", "--hp", "epochs=1,2,3", "--config.max_runtime=3600",
                "--config.max_cost=0.5"));
        String line = errors.toString().strip();
        assertTrue(line.startsWith("fahr fit: not launched: 3 jobs × 1 ml.m5.xlarge ($0.23/h) × at most 1 h = at most"
                + " $0.69 ("), line);
        assertTrue(line.endsWith("over max_cost $0.50. Launch fewer combinations (3 now), a smaller max_runtime"
                + " (--config.max_runtime=SECONDS), or a cheaper --config.instance_type; or raise --config.max_cost"), line);
        assertEquals(jobsBefore, sageMaker.jobCount(), "nothing launched");
        assertEquals(0, server.calls("GetAuthorizationToken") + server.calls("CreateRepository"), "nothing pushed");
        try (dev.fahr.internal.docker.DockerEngine engine = Services.engine()) {
            assertFalse(engine.client().listImagesCmd().exec().stream().filter(image -> image.getRepoTags() != null)
                    .flatMap(image -> java.util.Arrays.stream(image.getRepoTags()))
                    .anyMatch(tag -> tag.startsWith("fahr-capped:")), "nothing built");
        }
        assertTrue(new JobRecords(project).all().isEmpty(), "nothing recorded");
        assertFalse(output.lines.stream().anyMatch(l -> l.contains("within max_cost")), output.lines.toString());

        output.lines.clear();
        assertEquals(0, run("fit", "models/capped/train.ipynb", "--hp", "epochs=1,2,3", "--config.max_runtime=3600",
                "--config.max_cost=1", "--dry-run"), errors.toString());
        assertTrue(output.lines.stream().anyMatch(l -> l.startsWith("Cost: 3 jobs") && l.endsWith("; within max_cost"
                + " $1.00")), output.lines.toString());

        errors.getBuffer().setLength(0);
        assertEquals(2, run("fit", "models/capped/train.ipynb", "--config.max_cost=-3"));
        assertTrue(errors.toString().contains("max_cost must be a positive number of US dollars"), errors.toString());
    }

    /** What fails a launch and can be asked before the build is asked before it: here, a missing bucket. */
    @Test
    void aMissingBucketIsFoundBeforeAnythingIsBuiltOrPushed() throws Exception {
        trainingNotebook("nobucket");
        server.resetCalls();
        errors.getBuffer().setLength(0);
        List<String> options = new ArrayList<>(sageMakerOptions("s3://no-such-bucket/jobs/", ROLE_NAME, trainData()));
        options.add(0, "models/nobucket/train.ipynb");
        options.add(0, "fit");
        FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
        assertEquals(1, run(options.toArray(String[]::new)));
        java.time.Duration took = watch.elapsed();
        assertEquals("fahr fit: the bucket no-such-bucket does not exist or is not yours: check --config.output_path",
                errors.toString().strip());
        assertEquals(0, server.calls("GetAuthorizationToken") + server.calls("CreateRepository")
                + server.calls("CreateTrainingJob"), "nothing pushed or launched");
        try (dev.fahr.internal.docker.DockerEngine engine = Services.engine()) {
            assertFalse(engine.client().listImagesCmd().exec().stream().filter(image -> image.getRepoTags() != null)
                    .flatMap(image -> java.util.Arrays.stream(image.getRepoTags()))
                    .anyMatch(tag -> tag.startsWith("fahr-nobucket:")), "nothing built");
        }
        FaultLedger.record("missing S3 bucket (found before the build)", 1, FaultLedger.NOT_APPLICABLE, FaultLedger.NOT_APPLICABLE, 0, took);
    }

    /**
     * The engine's answer cut mid-push (as when it dies then): one line, nothing launched or recorded, and a
     * rerun pushes and launches a job that runs from the pushed digest.
     */
    @Test
    void aPushCutByTheEngineIsOneLineLaunchesNothingAndARerunPushes() throws Exception {
        trainingNotebook("cutpush", "System.out.println(\"" + System.nanoTime() + "\");");
        try (dev.fahr.testing.FaultProxy engine = dev.fahr.testing.FaultProxy.beforeUnixSocket(
                Path.of(URI.create(Services.engineAddress()).getPath()))) {
            commands.environment("DOCKER_HOST", "tcp://127.0.0.1:" + engine.port());
            engine.cutAnswerTo("/push", 300);
            server.resetCalls();
            errors.getBuffer().setLength(0);
            List<String> args = new ArrayList<>(List.of("fit", "models/cutpush/train.ipynb"));
            args.addAll(sageMakerOptions(OUTPUT_PATH, ROLE_NAME, trainData()));
            FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
            assertEquals(1, run(args.toArray(String[]::new)));
            java.time.Duration took = watch.elapsed();
            List<String> lines = errors.toString().lines().toList();
            assertEquals(1, lines.size(), errors.toString());
            assertTrue(lines.get(0).startsWith("fahr fit: the connection to the Docker engine at tcp://127.0.0.1:"
                    + engine.port() + " broke during the push of ") && lines.get(0).endsWith("then try again"),
                    lines.get(0));
            assertEquals(1, engine.injected(), "the cut happened");
            assertEquals(0, server.calls("CreateTrainingJob"), "nothing launched");
            assertTrue(new JobRecords(project).all().isEmpty(), "nothing recorded");

            String job = launchOne(args.toArray(String[]::new));
            assertEquals(JobState.COMPLETED, awaitState(job, JobState.COMPLETED).state());
            FaultLedger.record("Docker engine connection cut mid-push (a rerun pushes)", engine.injected(), 0,
                    new JobRecords(project).all().size() - 1, 0, took);
        }
    }

    /** An ECR token that has run out mid-way (they last 12 h): fit asks for a new one once and the push goes on. */
    @Test
    void anExpiredEcrTokenIsRenewedAndThePushResumes() throws Exception {
        trainingNotebook("expired", "System.out.println(\"" + System.nanoTime() + "\");");
        TestRegistry registry = TestRegistry.require();
        String base = registry.push("eclipse-temurin:21-jdk", "library/eclipse-temurin:21-jdk");
        registry.dockerLogin(project, true); // Jib reads the base image's login as docker login leaves it
        java.time.Duration longest = java.time.Duration.ZERO;
        for (String builder : List.of("docker", "jib")) {
            FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
            ecr.expireNextToken();
            server.resetCalls();
            List<String> args = new ArrayList<>(List.of("fit", "models/expired/train.ipynb", "--builder=" + builder));
            args.addAll(sageMakerOptions(OUTPUT_PATH, ROLE_NAME, trainData()));
            args.add("--config.ecr_repository=fahr-expired-" + builder + "-" + System.nanoTime());
            args.add("--train-image=" + base);
            String job = launchOne(args.toArray(String[]::new));
            assertEquals(2, server.calls("GetAuthorizationToken"), builder + ": the refused token and a new one");
            longest = longest.compareTo(watch.elapsed()) > 0 ? longest : watch.elapsed();
            assertEquals(JobState.COMPLETED, awaitState(job, JobState.COMPLETED).state(), builder);
        }
        FaultLedger.record("ECR token expired at the push (Docker and Jib renew it)", 2, FaultLedger.NOT_APPLICABLE, FaultLedger.NOT_APPLICABLE, 0, longest);
    }

    /**
     * A managed-spot interruption, as SageMaker does it: the container is stopped mid-run, its checkpoints go to
     * checkpoint_s3_uri, and the job starts again with them restored. A notebook that saves its state in
     * Fahr.checkpointDir() carries on from the last checkpoint, the job ends completed, and the status table
     * says what happened.
     */
    @Test
    void aSpotJobInterruptedMidRunResumesFromItsCheckpointAndEndsCompleted() throws Exception {
        // The example notebook itself: its checkpoint code is what a user copies.
        Path example = Path.of("..", "notebooks", "spot.ipynb");
        assertTrue(Files.isRegularFile(example), "the example notebook " + example.toAbsolutePath() + " is missing");
        Files.createDirectories(project.resolve("models/spot"));
        Files.copy(example, project.resolve("models/spot/train.ipynb"));
        sageMaker.interruptSpotJobsAfter("checkpoint 2 saved");
        try {
            List<String> args = new ArrayList<>(List.of("fit", "models/spot/train.ipynb"));
            args.addAll(sageMakerOptions(OUTPUT_PATH, ROLE_NAME, null));
            args.addAll(List.of("--config.use_spot=true", "--config.max_runtime=3600", "--config.max_wait=3600",
                    "--config.checkpoint_s3_uri=s3://" + BUCKET + "/checkpoints/spot/"));
            String job = launchOne(args.toArray(String[]::new));
            JobRecord done = awaitState(job, JobState.COMPLETED);
            assertTrue(sageMaker.secondaryStatuses(job).contains("Interrupted"), sageMaker.secondaryStatuses(job).toString());
            List<String> log = jobLog(job);
            assertTrue(log.stream().anyMatch(l -> l.contains("starting at epoch 0")), log.toString());
            int resumedAt = log.stream().filter(l -> l.contains("starting at epoch ") && !l.contains("epoch 0"))
                    .map(l -> Integer.parseInt(l.replaceAll(".*starting at epoch (\\d+).*", "$1"))).findFirst()
                    .orElseThrow(() -> new AssertionError("never resumed: " + log));
            assertTrue(resumedAt >= 2, "carried on from the last checkpoint, not from the start: " + log);
            assertEquals(1, done.interruptions(), done.toString());

            output.tables.clear();
            assertEquals(0, run("status", job, "--no-watch"), errors.toString());
            assertTrue(output.tables.get(0).rows().get(0).notes().contains("spot: the instance was reclaimed once; the"
                    + " job restarted from its checkpoints"), TableText.render(output.tables.get(0)));
            assertEquals(0, run("fetch", job, "spot-model"), errors.toString());
            // Seeded per epoch: the resumed run ends with the estimate an uninterrupted run gives.
            assertEquals("3.14148375 after 3200000 points, resumed at epoch " + resumedAt,
                    Files.readString(project.resolve("spot-model/pi.txt")).strip());
            FaultLedger.record("spot instance reclaimed mid-run (resumed from checkpoint " + resumedAt + ")", 1, 0, 0, 0,
                    FaultLedger.NO_COMMAND);
        } finally {
            sageMaker.interruptSpotJobsAfter(null);
        }
    }

    @Test
    void aStoppedJobEndsStopped() throws Exception {
        trainingNotebook("slow", "System.out.println(\"looping until stopped\");\n"
                + "while (true) { Thread.sleep(100); }");
        assertEquals(0, init("models/slow/train.ipynb", sageMakerOptions(OUTPUT_PATH, ROLE_NAME, trainData())),
                errors.toString());
        String job = launchOne("fit", "models/slow/train.ipynb");
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (!jobLog(job).contains("looping until stopped")) {
            assertTrue(System.nanoTime() < deadline, "the job never started looping: " + record(job));
            assertFalse(sageMaker.status(job).equals("Failed"), "failed: " + record(job));
            Thread.sleep(200);
        }
        output.lines.clear();
        assertEquals(0, run("stop", job), errors.toString());
        assertTrue(output.lines.contains("stopping " + job + "; status shows when it has stopped"),
                output.lines.toString());
        JobRecord stopped = awaitState(job, JobState.STOPPED);
        assertEquals("Stopped", stopped.secondaryStatus());
        assertTrue(sageMaker.secondaryStatuses(job).contains("Stopping"), sageMaker.secondaryStatuses(job).toString());
    }

    @Test
    void aFailedJobShowsItsReasonAndLastLogLinesInTheStatusTable() throws Exception {
        TestNotebooks.javaNotebook(project.resolve("models/bad/train.ipynb"), "int epochs = 1;",
                "System.out.println(\"about to diverge\");",
                "throw new IllegalStateException(\"diverged at epoch \" + epochs);");
        assertEquals(0, init("models/bad/train.ipynb", sageMakerOptions(OUTPUT_PATH, ROLE_ARN, null)),
                errors.toString());
        String job = launchOne("fit", "models/bad/train.ipynb");
        JobRecord failed = awaitState(job, JobState.FAILED);
        assertTrue(failed.failureReason().orElse("").contains("diverged at epoch 1"), failed.toString());

        output.tables.clear();
        assertEquals(0, run("status", job, "--no-watch"), errors.toString());
        Table table = output.tables.get(output.tables.size() - 1);
        Table.Row row = table.rows().stream().filter(r -> r.cells().get(0).text().equals(job)).findFirst()
                .orElseThrow(() -> new AssertionError(TableText.render(table)));
        assertEquals(JobState.FAILED.label(), row.cells().get(2).text(), TableText.render(table));
        List<String> notes = row.notes();
        assertTrue(notes.get(0).startsWith("reason: ") && notes.get(0).contains("diverged at epoch 1"),
                TableText.render(table));
        List<String> logNotes = notes.stream().filter(n -> n.startsWith("log: ")).toList();
        assertTrue(!logNotes.isEmpty() && logNotes.size() <= 5, TableText.render(table));
        assertTrue(logNotes.stream().anyMatch(n -> n.contains("diverged at epoch 1")), TableText.render(table));
        assertFalse(logNotes.stream().anyMatch(n -> n.contains("unavailable")), TableText.render(table));

        // Nothing to fetch: the message names the job and what to check.
        assertEquals(1, run("fetch", job, "fetched"));
        assertTrue(errors.toString().contains("job " + job + " has no model at " + OUTPUT_PATH + job), errors.toString());
    }

    @Test
    void aThrottledLaunchStillCreatesExactlyOneJob() throws Exception {
        trainingNotebook("throttled");
        assertEquals(0, init("models/throttled/train.ipynb", sageMakerOptions(OUTPUT_PATH, ROLE_NAME, trainData())),
                errors.toString());
        int jobsBefore = sageMaker.jobCount();
        server.resetCalls();
        server.throttleNext("CreateTrainingJob", 2);
        String job = launchOne("fit", "models/throttled/train.ipynb");
        assertEquals(jobsBefore + 1, sageMaker.jobCount(), "exactly one job created");
        assertEquals(3, server.calls("CreateTrainingJob"), "two throttled calls, then the one that created the job");
        assertEquals(1, new JobRecords(project).all().size());
        assertEquals(JobState.COMPLETED, awaitState(job, JobState.COMPLETED).state());
    }

    @Test
    void misconfigurationsGiveOneLineNamingWhatToFix() throws Exception {
        trainingNotebook("wrong");
        Path data = trainData();

        try (AwsTestCredentials none = AwsTestCredentials.none()) {
            assertEquals(1, fit("models/wrong/train.ipynb", sageMakerOptions(OUTPUT_PATH, ROLE_NAME, data)));
            assertOneLine("fahr fit: no AWS credentials found: run `aws configure` or set AWS_PROFILE / "
                    + "AWS_ACCESS_KEY_ID");
        }

        assertEquals(1, fit("models/wrong/train.ipynb",
                sageMakerOptions("s3://no-such-bucket-fahr/jobs/", ROLE_NAME, data)));
        assertOneLine("fahr fit: the bucket no-such-bucket-fahr does not exist or is not yours: check "
                + "--config.output_path");

        int jobsBefore = sageMaker.jobCount();
        assertEquals(1, fit("models/wrong/train.ipynb", sageMakerOptions(OUTPUT_PATH, "no-such-role", data)));
        assertOneLine("fahr fit: role no-such-role not found or SageMaker cannot assume it: pass "
                + "--config.role_name=ARN of a role SageMaker can assume");
        assertEquals(jobsBefore, sageMaker.jobCount());
    }

    /**
     * {@code %fahr_init ...} and {@code %fahr_fit ...} run {@code FahrCommand.execute(context, [verb,
     * args...])} with the magic line's words, so they parse these options through the same {@link
     * TrainOptions} mixin as the tests above; this checks what that mixin makes of them.
     */
    @Test
    void initAndFitReadTheSageMakerOptionsAlike() {
        List<String> options = List.of("--train-driver=sagemaker", "--config.output_path=s3://bucket/path/",
                "--config.role_name=arn:aws:iam::123456789012:role/r=1", "--config.input.train=/data/train",
                "--config.region=" + REGION);
        Map<String, String> expected = Map.of("output_path", "s3://bucket/path/",
                "role_name", "arn:aws:iam::123456789012:role/r=1", "input.train", "/data/train", "region", REGION);
        FahrContext context = FahrContext.builder(project, output, DriverRegistry.discover()).liveByDefault(true)
                .pollInterval(Duration.ofMillis(500)).build();
        for (String verb : List.of("init", "fit")) {
            List<String> args = new ArrayList<>(List.of(verb));
            args.addAll(options);
            picocli.CommandLine.ParseResult parsed = FahrCommand.commandLine(context)
                    .parseArgs(ConfigArguments.normalize(args).toArray(String[]::new));
            Object command = parsed.subcommand().commandSpec().userObject();
            TrainOptions train = command instanceof InitCommand init ? init.options : ((FitCommand) command).options;
            var request = train.toRequest();
            assertEquals(Optional.of("sagemaker"), request.driver(), verb);
            assertEquals(expected, request.config(), verb);
            assertTrue(request.artifact().isEmpty(), "in a notebook, the artefact defaults to this notebook");
        }
    }

    private int fit(String notebook, List<String> options) {
        errors.getBuffer().setLength(0);
        List<String> args = new ArrayList<>(List.of("fit", notebook));
        args.addAll(options);
        return run(args.toArray(String[]::new));
    }

    private void assertOneLine(String expected) {
        String text = errors.toString().strip();
        assertEquals(expected, text);
    }

    private static String listing(Path folder) {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().toString();
        } catch (Exception e) {
            return "(" + e + ")";
        }
    }
}
