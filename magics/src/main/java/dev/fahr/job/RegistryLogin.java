package dev.fahr.job;

import java.util.Objects;

/**
 * A login to a container registry, as {@code docker login} takes one (ECR's is user {@code AWS} with a
 * short-lived token). Its {@code toString} leaves the password out.
 *
 * @param registry the registry's host and port, e.g. {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com}
 */
public record RegistryLogin(String registry, String username, String password) {

    public RegistryLogin {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "RegistryLogin[" + registry + ", " + username + ", password hidden]";
    }
}
