package dev.fahr.workflow;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.fahr.records.JobRecords;

/**
 * Where a project's shared state lives: the nearest folder, from where the user works upwards, that
 * holds {@code .git} or earlier job records ({@code .fahr/jobs.json}); failing that, the folder the user
 * works in. Records of every experiment go there, so one status table shows all runs of a project.
 * (An experiment folder's own {@code .fahr/} holds template hashes and is no project marker.)
 */
public record ProjectLayout(Path projectFolder) {

    public static ProjectLayout around(Path workingDirectory) {
        Path start = workingDirectory.toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(".fahr").resolve("jobs.json")) || Files.exists(p.resolve(".git"))) {
                return new ProjectLayout(p);
            }
        }
        return new ProjectLayout(start);
    }

    public JobRecords records() {
        return new JobRecords(projectFolder);
    }

    public Path settingsFile() {
        return projectFolder.resolve(".fahr").resolve("settings.properties");
    }
}
