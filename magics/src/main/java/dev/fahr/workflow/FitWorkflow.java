package dev.fahr.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.fahr.driver.TrainingDriver;
import dev.fahr.image.BuildContext;
import dev.fahr.image.BuildEvent;
import dev.fahr.image.BuildListener;
import dev.fahr.image.ImageBuildException;
import dev.fahr.image.ImageBuilder;
import dev.fahr.image.ImageTag;
import dev.fahr.image.JobFolder;
import dev.fahr.job.CostEstimate;
import dev.fahr.job.Hyperparameters;
import dev.fahr.job.ImageDestination;
import dev.fahr.job.ImageRef;
import dev.fahr.job.JobName;
import dev.fahr.job.JobSpec;
import dev.fahr.job.JobState;
import dev.fahr.job.JobStatus;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import dev.fahr.records.ScriptStore;

/**
 * {@code fit}: init, then build the image once, make it available to the driver, and launch one job per
 * hyperparameter combination, a few at a time. Each job is recorded before it is submitted and updated
 * after, so a crash in between loses nothing and a retry launches nothing twice.
 */
public final class FitWorkflow {

    /** Launches at most this many jobs at once: enough to be quick, few enough to avoid throttling. */
    static final int PARALLEL_LAUNCHES = 4;

    private final InitWorkflow init;
    private final DriverRegistry drivers;
    private final Clock clock;
    private final ImageBuilderFactory images;
    private final ProjectLayout project;

    /** Opens the image builder the experiment chose (see {@link ImageBuilders}). */
    @FunctionalInterface
    public interface ImageBuilderFactory {
        /**
         * @param builder    auto, docker or jib
         * @param dockerHost the driver's {@code docker_host}, if set
         * @param remote     whether the image goes to a registry (the jobs run elsewhere)
         */
        ImageBuilder open(String builder, Optional<String> dockerHost, boolean remote, BuildListener listener);
    }

    public FitWorkflow(InitWorkflow init, DriverRegistry drivers, Clock clock, ImageBuilderFactory images,
                       ProjectLayout project) {
        this.init = init;
        this.project = project;
        this.drivers = drivers;
        this.clock = clock;
        this.images = images;
    }

    /**
     * @throws CostCapExceeded when the launch could cost more than {@code max_cost}, before anything is built
     */
    public FitResult run(InitRequest request, FitOptions options, FitListener listener) {
        List<Hyperparameters> grid = HyperparameterGrid.expand(options.hyperparameters());
        // The folder stays locked from init until the image and the script are taken from it; the launches
        // after need only the image.
        Built built = init.run(request, listener::waiting, initialized -> build(initialized, grid, options, listener));
        if (built.image().isEmpty()) {
            return new FitResult(built.init(), Optional.empty(), List.of(), Optional.empty(), built.estimate(), grid);
        }
        InitResult initialized = built.init();
        TrainingDriver driver = drivers.get(initialized.driver());
        ImageRef image = built.image().get();
        Optional<String> gridId = grid.size() > 1
                ? Optional.of("grid-" + JobName.generate(initialized.jobFolder().getFileName().toString(), clock).value())
                : Optional.empty();
        Optional<Double> hourly = built.estimate().flatMap(CostEstimate::hourly);
        List<JobRecord> launched = launchAll(driver, project.records(), initialized, image, built.scriptSha256(), grid,
                gridId, hourly, listener);
        return new FitResult(initialized, Optional.of(image.pinned()), launched, gridId, built.estimate(), grid);
    }

    /** What a fit takes from the experiment folder while it holds it; no image for a dry run. */
    private record Built(InitResult init, Optional<CostEstimate> estimate, Optional<ImageRef> image,
                         String scriptSha256) {
    }

    private Built build(InitResult initialized, List<Hyperparameters> grid, FitOptions options, FitListener listener) {
        listener.initialized(initialized);
        if (!options.allowUndeclared()) {
            initialized.declaredHyperparameters().ifPresent(declared ->
                    HyperparameterGrid.requireDeclared(grid.get(0).values().keySet(), declared, initialized.notebookName()));
        }
        TrainingDriver driver = drivers.get(initialized.driver());
        driver.checkLaunch(initialized.settings(), initialized.gpu());
        project.records().all(); // damaged records refuse the launch now, not after the build
        Optional<CostEstimate> estimate = driver.estimateCost(initialized.settings(), initialized.gpu(), grid.size());
        estimate.ifPresent(listener::estimated);
        if (estimate.isPresent() && estimate.get().exceedsCap()) {
            throw new CostCapExceeded(estimate.get());
        }
        if (options.dryRun()) {
            return new Built(initialized, estimate, Optional.empty(), "");
        }
        BuildContext context = JobFolder.at(initialized.jobFolder()).buildContext();
        // Where the jobs pull from, asked first: a missing login fails before a long build, not after it.
        Optional<ImageDestination> destination = driver.imageDestination(ImageTag.of(context).repository(),
                initialized.settings(), listener::publishing);
        ImageRef image;
        try (ImageBuilder builder = images.open(initialized.builder(), driver.dockerHost(initialized.settings()),
                destination.isPresent(), listener::building)) {
            try {
                image = builder.build(context, destination, listener::building);
            } catch (ImageBuildException e) {
                if (!e.isLoginRefused()) {
                    throw e;
                }
                // The driver's login ran out (an ECR token lasts 12 h): one new login, one more push. The
                // build is not repeated; the layers the registry already has are not sent again.
                listener.building(new BuildEvent.Note("the registry refused the login; asking the driver for a new"
                        + " one and pushing again"));
                destination = driver.imageDestination(ImageTag.of(context).repository(), initialized.settings(),
                        listener::publishing);
                image = builder.build(context, destination, listener::building);
            }
        }
        return new Built(initialized, estimate, Optional.of(image), keepScript(initialized));
    }

    /** The script the jobs run, kept by content in the project, so that runs can be compared later. */
    private String keepScript(InitResult initialized) {
        Path file = initialized.jobFolder().resolve(initialized.scriptFileName());
        try {
            return new ScriptStore(project.projectFolder()).put(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the exported script " + file + ": " + e.getMessage(), e);
        }
    }

    private List<JobRecord> launchAll(TrainingDriver driver, JobRecords records, InitResult initialized, ImageRef image,
                                      String scriptSha256, List<Hyperparameters> grid, Optional<String> gridId,
                                      Optional<Double> hourly, FitListener listener) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_LAUNCHES, grid.size()), r -> {
            Thread t = new Thread(r, "fahr-launch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<JobRecord>> futures = new ArrayList<>();
            for (Hyperparameters hyperparameters : grid) {
                futures.add(pool.submit(() -> launch(driver, records, initialized, image, scriptSha256, hyperparameters,
                        gridId, hourly, listener)));
            }
            List<JobRecord> launched = new ArrayList<>();
            for (Future<JobRecord> future : futures) {
                launched.add(future.get());
            }
            return launched;
        } catch (InterruptedException e) {
            // Launches under way finish and are recorded; those not started yet are not started.
            pool.shutdownNow();
            awaitQuietly(pool);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while launching jobs; fahr status shows what was launched", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
        }
    }

    private JobRecord launch(TrainingDriver driver, JobRecords records, InitResult initialized, ImageRef image,
                             String scriptSha256, Hyperparameters hyperparameters, Optional<String> gridId,
                             Optional<Double> hourly, FitListener listener) {
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("interrupted before this job was launched");
        }
        JobName name = JobName.generate(initialized.jobFolder().getFileName().toString(), clock);
        JobRecord record = records.add(JobRecord.builder(name, driver.name(), clock.instant())
                .notebook(initialized.notebookName())
                .jobFolder(initialized.jobFolder().toString())
                .image(image.reference())
                .imageDigest(image.digest().orElse(null))
                .hyperparameters(hyperparameters.values())
                .settings(DriverSettings.asText(initialized.settings()))
                .grid(gridId.orElse(null))
                .scriptSha256(scriptSha256)
                .dependencies(initialized.dependencies())
                .hourlyUsd(hourly.orElse(null))
                .build());
        JobSpec spec = JobSpec.builder().name(name).driver(driver.name()).image(image).gpu(initialized.gpu())
                .hyperparameters(hyperparameters).settings(initialized.settings())
                .jobFolder(initialized.jobFolder()).grid(gridId.orElse(null)).build();
        FaultInjection.at(FaultInjection.AFTER_RECORD);
        JobStatus status;
        try {
            status = driver.submit(spec);
        } catch (RuntimeException refused) {
            // The driver said no (a GPU the engine lacks, a missing role): the record says so at once,
            // instead of looking like a launch still under way.
            records.update(record.name(), r -> r.toBuilder().state(JobState.FAILED).secondaryStatus("NotSubmitted")
                    .failureReason("launch refused: " + refused.getMessage()).updatedAt(clock.instant()).build());
            throw refused;
        }
        FaultInjection.at(FaultInjection.AFTER_SUBMIT);
        JobRecord submitted = records.update(record.name(), r -> r.withStatus(status, clock.instant()));
        listener.submitted(submitted);
        return submitted;
    }
}
