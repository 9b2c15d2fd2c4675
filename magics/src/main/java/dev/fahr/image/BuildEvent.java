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

    /** What the builder is doing now, in a few words ("pulling the base image's manifest"). */
    record Progress(String text) implements BuildEvent {
        public Progress {
            Objects.requireNonNull(text, "text");
        }
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

    /**
     * A layer on its way to the registry.
     *
     * @param layer  the layer's digest (or the engine's short id for it)
     * @param bytes  how much of it has been sent
     * @param total  its size, or 0 when not known
     * @param exists true when the registry had it already, so nothing was sent
     */
    record Upload(String layer, long bytes, long total, boolean exists) implements BuildEvent {
        public Upload {
            Objects.requireNonNull(layer, "layer");
        }

        /** Sent completely (or not needed at all). */
        public boolean finished() {
            return exists || (total > 0 && bytes >= total);
        }
    }

    /** The image is in the registry: as pushed, with the digest that jobs run. */
    record Pushed(String reference, String digest) implements BuildEvent {
        public Pushed {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(digest, "digest");
        }
    }

    /** Something the user should know about how the image is made, said once as a line of its own. */
    record Note(String text) implements BuildEvent {
        public Note {
            Objects.requireNonNull(text, "text");
        }
    }
}
