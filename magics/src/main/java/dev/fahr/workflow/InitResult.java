package dev.fahr.workflow;

import java.nio.file.Path;
import java.util.List;

import dev.fahr.settings.Settings;

/**
 * What {@code init} wrote: the experiment folder, its script, the driver and image chosen, the
 * driver's effective settings, and notes for the user (kept edits, unsaved notebook changes).
 */
public record InitResult(Path jobFolder, String scriptFileName, String notebookName, String driver,
                         String trainImage, boolean gpu, boolean java, Settings settings, int jars,
                         List<String> notes) {

    public InitResult {
        notes = List.copyOf(notes);
    }
}
