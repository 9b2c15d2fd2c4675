package dev.fahr.image;

import java.util.Objects;

/**
 * One thing that happened during an image build, in fahr's own terms (no Docker client types), for
 * a progress display: a notebook updates one output in place, a terminal redraws one line.
 */
public sealed interface BuildEvent {

    /** The build started step {@code number} of {@code total}: {@code instruction} as in the Dockerfile. */
    record Step(int number, int total, String instruction) implements BuildEvent {
        public Step {
            Objects.requireNonNull(instruction, "instruction");
        }
    }

    /** The current step was satisfied from the engine's layer cache. */
    record UsingCache(int step) implements BuildEvent {
    }

    /** A line of output from the current step (a RUN command's output, or the engine's notes). */
    record Log(String line) implements BuildEvent {
        public Log {
            Objects.requireNonNull(line, "line");
        }
    }

    /**
     * The image is ready.
     *
     * @param tag     the image's name
     * @param imageId the engine's image id ({@code sha256:...})
     * @param reused  true when an image of this tag already existed, so nothing was built
     */
    record Done(ImageTag tag, String imageId, boolean reused) implements BuildEvent {
        public Done {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(imageId, "imageId");
        }
    }
}
