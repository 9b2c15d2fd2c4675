package dev.fahr.workflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.fahr.notebook.ExportResult;

/**
 * What a job trains: the notebook or script it came from, its export, and notes for the user (which
 * notebook was found and how, unsaved edits).
 *
 * @param source       the file exported, or empty when exported from the kernel's history
 * @param notebookName the name the executed copy is saved under, e.g. {@code quickstart.ipynb}
 */
public record TrainingArtifact(Optional<Path> source, String notebookName, ExportResult export, List<String> notes) {

    public TrainingArtifact {
        notes = List.copyOf(notes);
    }
}
