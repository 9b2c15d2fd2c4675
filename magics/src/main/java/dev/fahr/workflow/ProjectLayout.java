package dev.fahr.workflow;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.fahr.records.JobRecords;

/**
 * Where a project's shared state lives. The project folder is the nearest folder, from the experiment
 * folder upwards, that holds {@code .fahr/} or {@code .git}; failing that, the experiment's parent, as
 * in the user guide's {@code models/<experiment>/} layout. Records of every experiment go there, so
 * one status table shows all runs of a project.
 */
public record ProjectLayout(Path projectFolder) {

    public static ProjectLayout around(Path experimentFolder) {
        Path start = experimentFolder.toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(".fahr")) || Files.exists(p.resolve(".git"))) {
                return new ProjectLayout(p);
            }
        }
        Path parent = start.getParent();
        return new ProjectLayout(parent == null ? start : parent);
    }

    public JobRecords records() {
        return new JobRecords(projectFolder);
    }

    public Path settingsFile() {
        return projectFolder.resolve(".fahr").resolve("settings.properties");
    }
}
