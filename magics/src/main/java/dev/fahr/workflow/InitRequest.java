package dev.fahr.workflow;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code init} (and the first half of {@code fit}) is asked to do.
 *
 * @param artifact     the notebook or script; empty for "the current notebook" in a kernel
 * @param fromHistory  export the cells the kernel ran instead of the saved notebook
 * @param jobFolder    the experiment folder; empty for the artefact's folder (or models/NAME in a kernel)
 * @param driver       the train driver; empty for the folder's settings, else {@code local}
 * @param trainImage   default-cpu, default-gpu or an image; empty for the folder's settings
 * @param builder      how images are built: {@code auto}, {@code docker} or {@code jib}; empty for the
 *                     folder's settings, else {@code auto}
 * @param envfile      a requirements.txt or environment.yml for Python artefacts
 * @param overwrite    replace an edited Dockerfile or run.sh
 * @param config       {@code --config.KEY=VALUE} pairs, as typed
 */
public record InitRequest(
        Optional<Path> artifact,
        boolean fromHistory,
        Optional<Path> jobFolder,
        Optional<String> driver,
        Optional<String> trainImage,
        Optional<String> builder,
        Optional<Path> envfile,
        boolean overwrite,
        Map<String, String> config) {

    public InitRequest {
        config = Map.copyOf(config);
    }
}
