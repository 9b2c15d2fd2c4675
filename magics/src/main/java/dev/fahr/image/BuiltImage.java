package dev.fahr.image;

import java.util.Objects;

/**
 * An image ready in the engine.
 *
 * @param tag     its name
 * @param imageId the engine's id ({@code sha256:...})
 * @param reused  true when it existed already and the build was skipped
 */
public record BuiltImage(ImageTag tag, String imageId, boolean reused) {

    public BuiltImage {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(imageId, "imageId");
    }
}
