package dev.fahr.driver.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.github.dockerjava.api.command.InspectContainerResponse;

import dev.fahr.driver.DriverException;
import dev.fahr.driver.FetchResult;
import dev.fahr.driver.ModelArchive;
import dev.fahr.files.AtomicFile;

/**
 * Brings an ended job's results to a folder: {@code model.tar.gz} (packed first if that has not happened
 * yet), extracted safely unless told not to, and the executed notebook beside it.
 */
final class LocalFetch {

    private final LocalEngine engine;
    private final JobCompletion completion;

    LocalFetch(LocalEngine engine, JobCompletion completion) {
        this.engine = engine;
        this.completion = completion;
    }

    FetchResult fetch(String job, Path target, boolean extract) {
        InspectContainerResponse container = engine.inspect(job).orElseThrow(() -> new DriverException(
                "no local job named " + job + " in the Docker engine at " + engine.host() + " (see status)"));
        String state = container.getState().getStatus();
        if (!"exited".equals(state) && !"dead".equals(state)) {
            throw new DriverException("job " + job + " is still running; fetch it when it has completed (see status)");
        }
        JobWorkspace workspace = new JobWorkspace(Path.of(container.getConfig().getLabels().get(ContainerLabels.WORKSPACE)));
        try {
            completion.ensureArchive(job, workspace);
        } catch (UncheckedIOException e) {
            throw new DriverException("cannot pack the model of job " + job + ": " + e.getMessage(), e);
        }
        Path folder = target.toAbsolutePath().normalize();
        Path archive = folder.resolve(ModelArchive.FILE_NAME);
        List<Path> notebooks = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            copy(workspace.modelArchive(), archive);
            for (Path notebook : workspace.executedNotebooks()) {
                Path copied = folder.resolve(notebook.getFileName().toString());
                copy(notebook, copied);
                notebooks.add(copied);
            }
        } catch (IOException e) {
            throw new DriverException("cannot copy the results of job " + job + " to " + folder + ": " + e.getMessage(), e);
        }
        if (!extract) {
            return new FetchResult(archive, List.of(), notebooks);
        }
        try {
            return new FetchResult(archive, ModelArchive.extract(archive, folder), notebooks);
        } catch (ModelArchive.UnsafeArchiveException e) {
            throw new DriverException("not extracting the model of job " + job + ": " + e.getMessage()
                    + "; the archive is at " + archive, e);
        } catch (UncheckedIOException e) {
            throw new DriverException("cannot extract " + archive + ": " + e.getMessage(), e);
        }
    }

    // An interrupted fetch leaves the old file or the new one, never half of one.
    private static void copy(Path from, Path to) throws IOException {
        AtomicFile.copy(from, to);
    }
}
