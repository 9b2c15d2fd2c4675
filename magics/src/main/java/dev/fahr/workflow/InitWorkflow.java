package dev.fahr.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.CRC32;

import dev.fahr.files.FileTree;
import dev.fahr.files.LockFile;
import dev.fahr.driver.TrainingDriver;
import dev.fahr.image.BaseImage;
import dev.fahr.image.DockerfileTemplate;
import dev.fahr.image.ImageSpec;
import dev.fahr.image.JobFolder;
import dev.fahr.image.TemplateWriteResult;
import dev.fahr.notebook.ExportResult;
import dev.fahr.notebook.NotebookLanguage;
import dev.fahr.settings.Settings;
import dev.fahr.files.AtomicFile;

/**
 * {@code init}: exports the notebook, puts its jars in {@code lib/}, and writes a Dockerfile and run.sh
 * that the user may edit, plus the folder's settings so that {@code fit} needs no options. Everything
 * is checked before anything is written, a new folder appears only once complete, and an edited
 * Dockerfile or run.sh is kept unless {@code --overwrite} is given.
 */
public final class InitWorkflow {

    public static final String DEFAULT_DRIVER = "local";

    private final DriverRegistry drivers;
    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final Optional<KernelFacts> kernel;
    private final Optional<Path> dependencyLedger;

    public InitWorkflow(DriverRegistry drivers, Path workingDirectory, Map<String, String> environment,
                        Optional<KernelFacts> kernel, Optional<Path> dependencyLedger) {
        this.drivers = drivers;
        this.workingDirectory = workingDirectory;
        this.environment = environment;
        this.kernel = kernel;
        this.dependencyLedger = dependencyLedger;
    }

    /** Init alone; waits without a word when another init or fit of the folder is under way. */
    public InitResult run(InitRequest request) {
        return run(request, note -> { }, result -> result);
    }

    /**
     * Init, then {@code andThen} with the folder still locked: inits and fits of one experiment folder take
     * turns from the export through whatever {@code andThen} does (a fit's build), so a fit builds the
     * folder its own init wrote, never one a fit started beside it is rewriting. Another process's init or
     * fit counts too (a kernel and a shell).
     *
     * @param onWait told once, with a line to show, when another init or fit of the folder holds it
     * @throws IllegalStateException when interrupted while waiting; nothing was written then
     */
    public <T> T run(InitRequest request, Consumer<String> onWait, Function<InitResult, T> andThen) {
        Optional<Path> source = request.artifact().map(a -> workingDirectory.resolve(a).normalize());
        TrainingArtifact exported = new ArtifactExporter().export(source, request.fromHistory(), workingDirectory,
                environment, kernel);
        Path folder = request.jobFolder().map(workingDirectory::resolve)
                .orElseGet(() -> defaultFolder(exported)).toAbsolutePath().normalize();
        ProjectLayout project = ProjectLayout.around(workingDirectory);
        String waiting = "another init or fit of " + folder + " is under way; waiting for it to finish"
                + " (interrupt to stop waiting)";
        try {
            return LockFile.holdingInterruptibly(folderLock(project, folder), () -> onWait.accept(waiting), () -> {
                // A source inside the folder (the guide's layout) is read again now that the folder is ours: it
                // may have been edited while this fit waited, and the export must match what the build sends.
                boolean inside = exported.source().map(s -> s.toAbsolutePath().startsWith(folder)).orElse(false);
                TrainingArtifact artifact = inside
                        ? new ArtifactExporter().export(source, request.fromHistory(), workingDirectory, environment, kernel)
                        : exported;
                return andThen.apply(initLocked(request, folder, project, artifact));
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped waiting for the other init or fit of " + folder
                    + "; nothing was written");
        }
    }

    /**
     * One lock file per experiment folder, kept in the project's .fahr (not in the folder, which init may
     * create by renaming a staged copy into place), named by the folder's name and a hash of its path.
     */
    private static Path folderLock(ProjectLayout project, Path folder) {
        CRC32 crc = new CRC32();
        crc.update(folder.toString().getBytes(StandardCharsets.UTF_8));
        String name = folder.getFileName() == null ? "root" : folder.getFileName().toString();
        return project.projectFolder().resolve(".fahr").resolve("locks")
                .resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + Long.toHexString(crc.getValue()) + ".lock");
    }

    private InitResult initLocked(InitRequest request, Path folder, ProjectLayout project, TrainingArtifact artifact) {
        SettingsFiles files = new SettingsFiles(folder, project, environment);
        String driverName = request.driver().or(() -> files.workflowValue(JobSettingsFile.DRIVER)).orElse(DEFAULT_DRIVER);
        TrainingDriver driver = drivers.get(driverName);
        String trainImage = request.trainImage().or(() -> files.workflowValue(JobSettingsFile.IMAGE))
                .orElse(BaseImage.DEFAULT_CPU);
        String builder = ImageBuilders.check(request.builder().or(() -> files.workflowValue(JobSettingsFile.BUILDER))
                .orElse(ImageBuilders.AUTO));
        NotebookLanguage language = artifact.export().language();
        ImageSpec spec = ImageSpec.builder().language(language).trainImage(trainImage)
                .scriptFileName(artifact.export().fileName()).notebookName(artifact.notebookName())
                .inputNotebook(artifact.export().inputNotebookFileName())
                .executionEnvironment(driverName)
                .requirementsFile(language == NotebookLanguage.PYTHON && hasEnvFile(request, artifact, "requirements.txt"))
                .condaEnvironment(language == NotebookLanguage.PYTHON && hasEnvFile(request, artifact, "environment.yml"))
                .build();
        Settings settings = DriverSettings.resolve(driver, request.config(), files, artifact.export().metrics());
        List<DependencyStaging.Jar> jars = new DependencyStaging(environment).collect(artifact.export().dependencies(),
                artifact.source().map(Path::getParent).orElse(workingDirectory), dependencyLedger);

        List<String> notes = new ArrayList<>(artifact.notes());
        // An interrupt from before is set aside while the folder is written (a file channel closes when its
        // thread is interrupted, which would leave lib/ half swapped), and kept for the step after.
        boolean interrupted = Thread.interrupted();
        boolean created = !Files.exists(folder);
        Path target = created ? stagingFolder(folder) : folder;
        try {
            JobFolder job = JobFolder.at(target);
            writeDependencies(target, jars);
            job.writeExport(exportedFiles(artifact, folder),
                    Optional.of(ExportResult.inputNotebookFileName(artifact.export().fileName())));
            copyEnvFile(request, artifact, target, language);
            TemplateWriteResult templates = job.writeTemplates(new DockerfileTemplate().render(spec), request.overwrite());
            templates.keptUserEdits().forEach(f -> notes.add("kept your edited " + f + " (--overwrite replaces it)"));
            new JobSettingsFile(target).write(driverName, trainImage, builder, request.config());
            if (created) {
                Files.move(target, folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the experiment folder " + folder + ": " + e.getMessage(), e);
        } finally {
            if (created) {
                FileTree.deleteQuietly(target);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return new InitResult(folder, artifact.export().fileName(), artifact.notebookName(), driverName, trainImage, builder,
                spec.baseImage().gpu(), language == NotebookLanguage.JAVA, settings, jars.size(), notes,
                language == NotebookLanguage.JAVA ? Optional.of(artifact.export().declaredHyperparameters()) : Optional.empty(),
                jars.stream().map(jar -> jar.coordinate().isEmpty() ? jar.fileName() : jar.coordinate()).toList());
    }

    /**
     * The export's files. A script that is already where its export goes (the guide's layout: train.py copied
     * into its experiment folder) is the user's own file and runs as written: the export is not written over
     * it, where each init would have added one more header to it.
     */
    private static Map<String, String> exportedFiles(TrainingArtifact artifact, Path folder) {
        ExportResult export = artifact.export();
        Map<String, String> files = new LinkedHashMap<>();
        boolean inPlace = artifact.source().map(s -> s.toAbsolutePath().normalize()
                .equals(folder.resolve(export.fileName()))).orElse(false);
        if (!inPlace) {
            files.put(export.fileName(), export.script());
        }
        export.inputNotebookFileName().ifPresent(name -> files.put(name, export.inputNotebook().orElseThrow()));
        return files;
    }

    /** A script's own folder (the user guide's layout); for a notebook in a kernel, models/NAME beside it. */
    private Path defaultFolder(TrainingArtifact artifact) {
        if (artifact.source().isPresent() && kernel.isEmpty()) {
            return artifact.source().get().toAbsolutePath().getParent();
        }
        String name = artifact.notebookName().replaceFirst("\\.[^.]+$", "");
        Path base = artifact.source().map(p -> p.toAbsolutePath().getParent()).orElse(workingDirectory);
        return base.resolve("models").resolve(name);
    }

    private boolean hasEnvFile(InitRequest request, TrainingArtifact artifact, String name) {
        if (request.envfile().isPresent()) {
            return request.envfile().get().getFileName().toString().endsWith(name.substring(name.indexOf('.')))
                    && name.equals(kindOf(request.envfile().get()));
        }
        return artifact.source().map(p -> Files.isRegularFile(p.toAbsolutePath().resolveSibling(name))).orElse(false);
    }

    private static String kindOf(Path envfile) {
        String file = envfile.getFileName().toString();
        return file.endsWith(".yml") || file.endsWith(".yaml") ? "environment.yml" : "requirements.txt";
    }

    /**
     * The original fahr read {@code --envfile} relative to the current folder but built from the artefact's
     * folder, so the file never reached the image; here it is copied into the experiment folder.
     */
    private void copyEnvFile(InitRequest request, TrainingArtifact artifact, Path target, NotebookLanguage language)
            throws IOException {
        if (language != NotebookLanguage.PYTHON) {
            if (request.envfile().isPresent()) {
                throw new UsageError("--envfile is for Python artefacts; Java notebooks take their "
                        + "jars from %maven and %jars");
            }
            return;
        }
        Optional<Path> source = request.envfile().map(workingDirectory::resolve);
        if (source.isPresent() && !Files.isRegularFile(source.get())) {
            throw new UsageError("--envfile " + request.envfile().get() + " does not exist");
        }
        if (source.isEmpty() && artifact.source().isPresent()) {
            Path dir = artifact.source().get().toAbsolutePath().getParent();
            source = Optional.of(dir.resolve("requirements.txt")).filter(Files::isRegularFile)
                    .or(() -> Optional.of(dir.resolve("environment.yml")).filter(Files::isRegularFile));
        }
        if (source.isPresent()) {
            Path destination = target.resolve(kindOf(source.get()));
            if (!Files.exists(destination) || !Files.isSameFile(source.get(), destination)) {
                Files.copy(source.get(), destination, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Replaces {@code lib/} and the manifest as a whole: a new lib is filled aside, then swapped in. */
    private static void writeDependencies(Path folder, List<DependencyStaging.Jar> jars) throws IOException {
        Files.createDirectories(folder.resolve(".fahr"));
        Path staging = Files.createTempDirectory(folder.resolve(".fahr"), "lib-");
        Path manifest = folder.resolve(".fahr").resolve(DependencyStaging.MANIFEST + ".tmp");
        try {
            DependencyStaging.write(jars, staging, manifest);
            Path lib = folder.resolve("lib");
            Path old = folder.resolve(".fahr").resolve("lib-old");
            FileTree.deleteQuietly(old);
            if (Files.exists(lib)) {
                Files.move(lib, old);
            }
            Files.move(staging, lib);
            AtomicFile.moveOver(manifest, folder.resolve(DependencyStaging.MANIFEST));
            FileTree.deleteQuietly(old);
        } finally {
            FileTree.deleteQuietly(staging);
            Files.deleteIfExists(manifest);
        }
    }

    private static Path stagingFolder(Path folder) throws UncheckedIOException {
        try {
            Files.createDirectories(folder.getParent());
            return Files.createTempDirectory(folder.getParent(), "." + folder.getFileName() + ".init-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
        }
    }
}
