package dev.fahr.image;

import java.util.Optional;

import dev.fahr.job.ImageDestination;
import dev.fahr.job.ImageRef;

/**
 * Builds a job's image and puts it where the job runs: one implementation per way of building, the Docker
 * engine ({@link DockerImageBuilder}) or Jib, which needs no engine ({@link JibImageBuilder}).
 */
public interface ImageBuilder extends AutoCloseable {

    /**
     * @param destination where the driver's jobs pull from (pushed there); empty: into the Docker engine that
     *                    runs them
     * @return the image as jobs run it, pinned: pushed with the registry's digest, or in the engine with its
     *         image id
     * @throws ImageBuildException with one line saying what to do
     */
    ImageRef build(BuildContext context, Optional<ImageDestination> destination, BuildListener listener);

    /** {@code docker} or {@code jib}, for messages and records. */
    String name();

    @Override
    void close();
}
