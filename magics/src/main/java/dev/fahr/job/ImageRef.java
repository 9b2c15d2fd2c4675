package dev.fahr.job;

import java.util.Objects;
import java.util.Optional;

/**
 * A training image: its reference as built or pushed, and, once pushed, the digest a job runs so that
 * a later push to the same tag cannot change what an earlier job ran.
 */
public record ImageRef(String reference, Optional<String> digest) {

    public ImageRef {
        Objects.requireNonNull(reference, "reference");
        digest = digest == null ? Optional.empty() : digest;
    }

    public static ImageRef of(String reference) {
        return new ImageRef(reference, Optional.empty());
    }

    public ImageRef withDigest(String sha256Digest) {
        return new ImageRef(reference, Optional.of(sha256Digest));
    }

    /** {@code repo@sha256:...} when the digest is known, else the reference as given. */
    public String pinned() {
        if (digest.isEmpty()) {
            return reference;
        }
        String repository = reference;
        int slash = repository.lastIndexOf('/');
        int colon = repository.lastIndexOf(':');
        if (colon > slash) {
            repository = repository.substring(0, colon);
        }
        int at = repository.indexOf('@');
        if (at >= 0) {
            repository = repository.substring(0, at);
        }
        return repository + "@" + digest.get();
    }
}
