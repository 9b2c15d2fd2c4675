import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.fahr.image.BuildEvent;
import dev.fahr.image.DockerImageBuilder;
import dev.fahr.records.JobRecord;
import dev.fahr.workflow.DriverRegistry;
import dev.fahr.workflow.FitListener;
import dev.fahr.workflow.FitWorkflow;
import dev.fahr.workflow.InitRequest;
import dev.fahr.workflow.InitResult;
import dev.fahr.workflow.InitWorkflow;
import dev.fahr.workflow.ProjectLayout;

/**
 * Where a warm re-fit spends its time: runs FitWorkflow (wired as the fit command wires it, see
 * dev.fahr.command.Workflows) with a listener that timestamps each phase, in one JVM.
 *
 *   java -cp fahr-kernel.jar bench/RefitProfile.java NOTEBOOK JOB_FOLDER REPS
 *
 * Each repetition rewrites the line `System.out.println("version ...")` of the notebook (one cell
 * changed), then fits. Prints one line per fit: "PROFILE job=NAME init=MS context+send=MS
 * build=MS publish=MS records+launch=MS total=MS" (epoch ns of t0 in "T0"), phases as follows:
 *   init            export, dependencies, job folder written (listener.initialized)
 *   context+send    build context collected and hashed, engine pinged and asked for the tag,
 *                   tar written and sent, until the engine reports the first step
 *   build           the engine's build, first step to the image's id (BuildEvent.Done)
 *   publish         after the build until the driver's publish step reports (0: the local driver
 *                   has no registry, its jobs run the image the engine built)
 *   records+launch  job record written, container created and started, record updated (submitted)
 */
public final class RefitProfile {

    public static void main(String[] args) throws Exception {
        Path notebook = Path.of(args[0]).toAbsolutePath();
        Path jobFolder = Path.of(args[1]).toAbsolutePath();
        int reps = Integer.parseInt(args[2]);
        Path cwd = notebook.getParent();
        Map<String, String> env = System.getenv();
        DriverRegistry drivers = DriverRegistry.discover();
        String dockerHost = env.get("DOCKER_HOST");
        for (int rep = 0; rep <= reps; rep++) {
            String text = Files.readString(notebook, StandardCharsets.UTF_8)
                    .replaceAll("version \\d+", "version " + (900_000 + rep + ProcessHandle.current().pid() * 1000));
            Files.writeString(notebook, text, StandardCharsets.UTF_8);
            InitWorkflow init = new InitWorkflow(drivers, cwd, env, Optional.empty(), Optional.empty());
            FitWorkflow fit = new FitWorkflow(init, drivers, Clock.systemUTC(),
                    (builder, host, remote, listener) -> DockerImageBuilder.connect(host, env),
                    ProjectLayout.around(cwd));
            long[] at = new long[6];
            String[] job = new String[1];
            long t0 = System.nanoTime();
            long epoch0 = epochNanos();
            fit.run(new InitRequest(Optional.of(notebook), false, Optional.of(jobFolder), Optional.of("local"),
                    Optional.empty(), Optional.empty(), Optional.empty(), false, Map.of()), dev.fahr.workflow.FitOptions.of(List.of()), new FitListener() {
                @Override
                public void initialized(InitResult result) {
                    at[1] = System.nanoTime();
                }

                @Override
                public void building(BuildEvent event) {
                    if (at[2] == 0) {
                        at[2] = System.nanoTime();
                    }
                    if (event instanceof BuildEvent.Done) {
                        at[3] = System.nanoTime();
                    }
                }

                @Override
                public void publishing(String step, String detail, double fraction) {
                    at[4] = System.nanoTime();
                }

                @Override
                public void submitted(JobRecord record) {
                    at[5] = System.nanoTime();
                    job[0] = record.name().value();
                }
            });
            long end = System.nanoTime();
            if (at[4] == 0) {
                at[4] = at[3];
            }
            if (rep == 0) {
                System.out.println("WARMUP job=" + job[0]);
                continue;
            }
            System.out.printf("PROFILE job=%s t0=%d init=%.0f context+send=%.0f build=%.0f publish=%.0f records+launch=%.0f total=%.0f%n",
                    job[0], epoch0, ms(at[1] - t0), ms(at[2] - at[1]), ms(at[3] - at[2]), ms(at[4] - at[3]),
                    ms(at[5] - at[4]), ms(end - t0));
        }
        micro(jobFolder, dockerHost, 5);
    }

    /** The parts of "context+send" that run in this JVM, each timed alone (the job folder as the last fit left it). */
    static void micro(Path jobFolder, String dockerHost, int reps) throws Exception {
        for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime();
            DockerImageBuilder builder = DockerImageBuilder.connect(Optional.ofNullable(dockerHost), System.getenv());
            long t1 = System.nanoTime();
            dev.fahr.image.BuildContext context = dev.fahr.image.JobFolder.at(jobFolder).buildContext();
            long t2 = System.nanoTime();
            builder.checkReachable();
            long t3 = System.nanoTime();
            builder.imageId(dev.fahr.image.ImageTag.of(context));
            long t4 = System.nanoTime();
            Path tar = Files.createTempFile("fahr-profile-", ".tar");
            try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(tar))) {
                context.writeTar(out);
            }
            long t5 = System.nanoTime();
            long size = Files.size(tar);
            Files.delete(tar);
            builder.close();
            System.out.printf("MICRO connect=%.1f context-walk-hash=%.1f ping=%.1f inspect=%.1f context-KiB=%d tar-to-file=%.1f%n",
                    ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), size / 1024, ms(t5 - t4));
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
