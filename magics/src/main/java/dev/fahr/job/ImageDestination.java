package dev.fahr.job;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a driver's jobs pull their image from: a repository in a registry (e.g.
 * {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com/fahr-quickstart}) and, if the registry needs one,
 * the login to push there. The image is pushed as {@code repository:tag}, the tag being the build's own.
 */
public record ImageDestination(String repository, Optional<RegistryLogin> login) {

    public ImageDestination {
        Objects.requireNonNull(repository, "repository");
        login = login == null ? Optional.empty() : login;
        if (repository.contains("@") || repository.substring(repository.lastIndexOf('/') + 1).contains(":")) {
            throw new IllegalArgumentException("a destination is a repository without tag or digest: " + repository);
        }
    }

    /** The registry's host (and port): the part of the repository before the first '/'. */
    public String registry() {
        int slash = repository.indexOf('/');
        return slash < 0 ? repository : repository.substring(0, slash);
    }
}
