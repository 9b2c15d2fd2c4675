package dev.fahr.driver.sagemaker;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import dev.fahr.driver.DriverException;
import dev.fahr.driver.ProgressListener;
import dev.fahr.job.ImageDestination;
import dev.fahr.job.RegistryLogin;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Where SageMaker's jobs pull their images from: an ECR repository, created when missing, and the login
 * ECR's short-lived token gives. Whoever builds the image (the Docker engine or Jib) pushes there.
 */
final class EcrRepositories {

    private final EcrClient ecr;

    EcrRepositories(EcrClient ecr) {
        this.ecr = ecr;
    }

    /** {@code fahr-quickstart} goes to the repository {@code fahr-quickstart} unless one is named. */
    ImageDestination destination(String imageName, Optional<String> repositorySetting, ProgressListener progress) {
        String repositoryName = repositorySetting.orElseGet(() -> defaultRepository(imageName));
        if (!SageMakerSettings.validRepository(repositoryName)) {
            throw new DriverException("'" + repositoryName + "' is not a valid ECR repository name: pass "
                    + "--config.ecr_repository=NAME (lower-case letters, digits, . _ - /)");
        }
        progress.progress("push", "repository " + repositoryName, 0);
        Repository repository = ensureRepository(repositoryName);
        return new ImageDestination(repository.repositoryUri(), Optional.of(login()));
    }

    /** The last path part of the image's name, lower case, with fahr's {@code fahr-} prefix. */
    static String defaultRepository(String imageName) {
        String last = imageName.substring(imageName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[._-]+|[._-]+$", "");
        return last.startsWith("fahr-") ? last : "fahr-" + last;
    }

    private Repository ensureRepository(String name) {
        try {
            return ecr.describeRepositories(r -> r.repositoryNames(name)).repositories().get(0);
        } catch (RepositoryNotFoundException missing) {
            try {
                return ecr.createRepository(r -> r.repositoryName(name)).repository();
            } catch (RepositoryAlreadyExistsException raced) {
                // Another push created it between our two calls: use that one.
                return ecr.describeRepositories(r -> r.repositoryNames(name)).repositories().get(0);
            } catch (SdkException e) {
                throw AwsFailures.describe("create the ECR repository " + name, e);
            }
        } catch (SdkException e) {
            throw AwsFailures.describe("look up the ECR repository " + name, e);
        }
    }

    private RegistryLogin login() {
        AuthorizationData data;
        try {
            data = ecr.getAuthorizationToken(r -> { }).authorizationData().get(0);
        } catch (SdkException e) {
            throw AwsFailures.describe("get an ECR login token", e);
        }
        String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new DriverException("ECR returned a login token without a user name; try again");
        }
        String endpoint = data.proxyEndpoint().replaceFirst("^https?://", "");
        return new RegistryLogin(endpoint, decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
