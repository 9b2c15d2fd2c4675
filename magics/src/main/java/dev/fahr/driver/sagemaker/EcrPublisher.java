package dev.fahr.driver.sagemaker;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.dockerjava.api.DockerClient;

import dev.fahr.internal.docker.DockerEngine;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;

import dev.fahr.driver.DriverException;
import dev.fahr.driver.ProgressListener;
import dev.fahr.job.ImageRef;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Pushes a locally built image to ECR: the repository is created when missing, docker logs in with
 * ECR's short-lived token, and the pushed digest is returned so that a job runs exactly that image.
 */
final class EcrPublisher {

    private static final Pattern DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");

    private final EcrClient ecr;
    private final DockerEngine engine;
    private final DockerClient docker;

    EcrPublisher(EcrClient ecr, DockerEngine engine) {
        this.ecr = ecr;
        this.engine = engine;
        this.docker = engine.client();
    }

    /** {@code fahr-quickstart:3f2a9c01b7de} goes to the repository {@code fahr-quickstart} unless one is named. */
    ImageRef publish(ImageRef localImage, Optional<String> repositorySetting, ProgressListener progress) {
        LocalName local = LocalName.of(localImage.reference());
        String repositoryName = repositorySetting.orElseGet(local::defaultRepository);
        if (!SageMakerSettings.validRepository(repositoryName)) {
            throw new DriverException("'" + repositoryName + "' is not a valid ECR repository name: pass "
                    + "--config.ecr_repository=NAME (lower-case letters, digits, . _ - /)");
        }
        progress.progress("push", "repository " + repositoryName, 0);
        Repository repository = ensureRepository(repositoryName);
        AuthConfig auth = login();
        String target = repository.repositoryUri();
        try {
            docker.tagImageCmd(localImage.reference(), target, local.tag()).exec();
        } catch (NotFoundException e) {
            throw new DriverException("image " + localImage.reference() + " is not in the local Docker engine: "
                    + "build it first", e);
        } catch (DockerException | com.github.dockerjava.api.exception.DockerClientException e) {
            throw new DriverException("cannot tag " + localImage.reference() + " in the Docker engine at "
                    + engine.host() + ": " + AwsFailures.oneLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            if (DockerEngine.isUnreachable(e)) {
                throw new DriverException(engine.unreachable(e).getMessage(), e);
            }
            throw e;
        }
        String digest = push(target, local.tag(), auth, progress);
        progress.progress("push", "pushed " + target + ":" + local.tag() + " (" + digest + ")", 1);
        return ImageRef.of(target + ":" + local.tag()).withDigest(digest);
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

    private AuthConfig login() {
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
        return new AuthConfig().withUsername(decoded.substring(0, colon)).withPassword(decoded.substring(colon + 1))
                .withRegistryAddress(data.proxyEndpoint());
    }

    private String push(String target, String tag, AuthConfig auth, ProgressListener progress) {
        LayerProgress layers = new LayerProgress(progress);
        AtomicReference<String> digest = new AtomicReference<>();
        AtomicReference<String> error = new AtomicReference<>();
        try {
            docker.pushImageCmd(target).withTag(tag).withAuthConfig(auth)
                    .exec(new ResultCallback.Adapter<PushResponseItem>() {
                        @Override
                        public void onNext(PushResponseItem item) {
                            if (item.getErrorDetail() != null) {
                                error.set(item.getErrorDetail().getMessage());
                            } else if (item.getAux() != null && item.getAux().getDigest() != null) {
                                digest.set(item.getAux().getDigest());
                            } else if (item.getStatus() != null) {
                                Matcher m = DIGEST.matcher(item.getStatus());
                                if (m.find()) {
                                    digest.compareAndSet(null, m.group(1));
                                }
                                layers.update(item.getId(), item.getStatus());
                            }
                        }
                    }).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("push of " + target + " interrupted", e);
        } catch (RuntimeException e) {
            throw new DriverException("push of " + target + ":" + tag + " failed: " + AwsFailures.oneLine(e.getMessage()), e);
        }
        if (error.get() != null) {
            throw new DriverException("push of " + target + ":" + tag + " failed: " + AwsFailures.oneLine(error.get()));
        }
        if (digest.get() == null) {
            throw new DriverException("the registry did not report a digest for " + target + ":" + tag
                    + "; push again");
        }
        return digest.get();
    }

    /** A local image name split into the parts a push needs. */
    record LocalName(String repository, String tag) {

        static LocalName of(String reference) {
            String name = reference;
            int at = name.indexOf('@');
            if (at >= 0) {
                name = name.substring(0, at);
            }
            int slash = name.lastIndexOf('/');
            int colon = name.lastIndexOf(':');
            String tag = colon > slash ? name.substring(colon + 1) : "latest";
            String repository = colon > slash ? name.substring(0, colon) : name;
            return new LocalName(repository, tag);
        }

        /** The last path part of the local name, lower case, with fahr's {@code fahr-} prefix. */
        String defaultRepository() {
            String last = repository.substring(repository.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[._-]+|[._-]+$", "");
            return last.startsWith("fahr-") ? last : "fahr-" + last;
        }
    }

    /** Turns docker's per-layer push lines into "layer 3/7" progress events. */
    private static final class LayerProgress {
        private final ProgressListener listener;
        private final Map<String, String> layers = new LinkedHashMap<>();

        LayerProgress(ProgressListener listener) {
            this.listener = listener;
        }

        void update(String layer, String status) {
            if (layer == null || status.startsWith("Pushing")) {
                return; // byte counts arrive many times a second; the layer's outcome is what matters
            }
            layers.put(layer, status);
            long done = layers.values().stream().filter(LayerProgress::finished).count();
            String outcome = status.equals("Layer already exists") ? "layer exists" : status.toLowerCase(Locale.ROOT);
            listener.progress("push", "layer " + layer + ": " + outcome + " (" + done + "/" + layers.size() + ")",
                    layers.isEmpty() ? 0 : (double) done / layers.size());
        }

        private static boolean finished(String status) {
            return status.equals("Pushed") || status.equals("Layer already exists") || status.startsWith("Mounted");
        }
    }
}
