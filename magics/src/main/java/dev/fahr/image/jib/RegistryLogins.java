package dev.fahr.image.jib;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;

import dev.fahr.image.ImageSettingException;
import dev.fahr.job.RegistryLogin;

/**
 * The logins Jib uses, as {@code docker} would: a driver's login for its registry (ECR's token), else what
 * {@code docker login} left in Docker's config ({@code $DOCKER_CONFIG/config.json}, else
 * {@code ~/.docker/config.json}, its {@code auths}, {@code credsStore} and {@code credHelpers}), else the
 * well-known credential helpers on the PATH; anonymous where none applies.
 */
final class RegistryLogins {

    private final Map<String, String> environment;

    RegistryLogins(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The image with where its login may come from. */
    RegistryImage image(String reference, Optional<RegistryLogin> login) {
        ImageReference parsed = parse(reference);
        RegistryImage image = RegistryImage.named(parsed);
        login.ifPresent(l -> image.addCredential(l.username(), l.password()));
        for (CredentialRetriever retriever : retrievers(parsed)) {
            image.addCredentialRetriever(retriever);
        }
        return image;
    }

    /** A login for the image's registry, if Docker's config or a helper has one. */
    Optional<Credential> credential(ImageReference image) {
        for (CredentialRetriever retriever : retrievers(image)) {
            try {
                Optional<Credential> found = retriever.retrieve();
                if (found.isPresent()) {
                    return found;
                }
            } catch (Exception e) {
                // A helper that fails is as good as none: the next one may answer.
            }
        }
        return Optional.empty();
    }

    /** The registry a reference names ({@code registry-1.docker.io} for Docker Hub's images). */
    String registryOf(String reference) {
        try {
            return parse(reference).getRegistry();
        } catch (ImageSettingException e) {
            return reference;
        }
    }

    static ImageReference parse(String reference) {
        try {
            return ImageReference.parse(reference);
        } catch (InvalidImageReferenceException e) {
            throw new ImageSettingException("'" + reference + "' is not an image reference (registry/name:tag): "
                    + e.getMessage());
        }
    }

    private java.util.List<CredentialRetriever> retrievers(ImageReference image) {
        CredentialRetrieverFactory factory = CredentialRetrieverFactory.forImage(image, event -> { }, environment);
        return java.util.List.of(factory.dockerConfig(dockerConfig()), factory.wellKnownCredentialHelpers());
    }

    private Path dockerConfig() {
        String folder = environment.get("DOCKER_CONFIG");
        if (folder != null && !folder.isBlank()) {
            return Path.of(folder, "config.json");
        }
        Path home = Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")));
        Path config = home.resolve(".docker").resolve("config.json");
        return config;
    }
}
