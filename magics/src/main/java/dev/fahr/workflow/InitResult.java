package dev.fahr.workflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.fahr.settings.Settings;

/**
 * What {@code init} wrote: the experiment folder, its script, the driver, image and builder chosen, the
 * driver's effective settings, notes for the user (kept edits, unsaved notebook changes), and the
 * hyperparameter names the code declares, where fahr can tell (Java: the parameters cell's variables and
 * literal {@code Fahr.hyperparameter("...")} reads; empty for Python, which reads them as it likes), and the
 * dependencies the image carries (exact coordinates, or jar names).
 */
public record InitResult(Path jobFolder, String scriptFileName, String notebookName, String driver,
                         String trainImage, String builder, boolean gpu, boolean java, Settings settings, int jars,
                         List<String> notes, Optional<List<String>> declaredHyperparameters, List<String> dependencies) {

    public InitResult {
        notes = List.copyOf(notes);
        dependencies = List.copyOf(dependencies);
        declaredHyperparameters = declaredHyperparameters.map(List::copyOf);
    }
}
