package dev.fahr.image;

import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;

import dev.fahr.internal.docker.DockerEngine;
import dev.fahr.internal.docker.DockerEngineException;
import dev.fahr.job.ImageDestination;
import dev.fahr.job.ImageRef;

/**
 * Pushes an image the Docker engine built to a driver's destination, with the destination's login, and
 * returns it pinned to the digest the registry reported, so that a job runs exactly that image. The
 * engine's per-layer output becomes {@link BuildEvent.Upload}s.
 */
final class ImagePusher {

    private static final Pattern DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");

    private final DockerEngine engine;

    ImagePusher(DockerEngine engine) {
        this.engine = engine;
    }

    ImageRef push(ImageTag local, ImageDestination destination, BuildListener listener) {
        String target = destination.repository() + ":" + local.tag();
        try {
            engine.run(() -> engine.client().tagImageCmd(local.reference(), destination.repository(), local.tag()).exec());
        } catch (NotFoundException e) {
            throw new ImageBuildException("image " + local + " is not in the Docker engine at " + engine.host()
                    + ": build it first", e);
        } catch (DockerEngineException e) {
            throw new ImageBuildException(e.getMessage(), e);
        } catch (DockerException | DockerClientException e) {
            throw new ImageBuildException("cannot tag " + local + " as " + target + " in the Docker engine at "
                    + engine.host() + ": " + e.getMessage(), e);
        }
        AuthConfig auth = destination.login().map(login -> new AuthConfig().withUsername(login.username())
                .withPassword(login.password()).withRegistryAddress(login.registry())).orElse(null);
        AtomicReference<String> digest = new AtomicReference<>();
        AtomicReference<String> error = new AtomicReference<>();
        try {
            engine.client().pushImageCmd(destination.repository()).withTag(local.tag()).withAuthConfig(auth)
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
                                layer(item, listener);
                            }
                        }
                    }).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageBuildException("the push of " + target + " was interrupted", e);
        } catch (RuntimeException e) {
            if (DockerEngine.isUnreachable(e)) {
                throw new ImageBuildException(engine.lost("the push of " + target, e).getMessage(), e);
            }
            throw failure(target, destination, String.valueOf(e.getMessage()), e);
        }
        if (error.get() != null) {
            throw failure(target, destination, error.get(), null);
        }
        if (digest.get() == null) {
            throw new ImageBuildException("the registry did not report a digest for " + target + "; fit again");
        }
        listener.onEvent(new BuildEvent.Pushed(target, digest.get()));
        return ImageRef.of(target).withDigest(digest.get());
    }

    private static ImageBuildException failure(String target, ImageDestination destination, String error,
                                               Throwable cause) {
        String message = refused(target, destination, error);
        return destination.login().isPresent() && isLoginError(error)
                ? ImageBuildException.loginRefused(message, cause) : new ImageBuildException(message, cause);
    }

    private static boolean isLoginError(String error) {
        String lower = error.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("unauthorized") || lower.contains("authentication required") || lower.contains("denied")
                || lower.contains("no basic auth credentials");
    }

    /** One line: what failed, and for a refused login, how to log in. */
    static String refused(String target, ImageDestination destination, String error) {
        String line = error.strip().replaceAll("\\s+", " ");
        if (isLoginError(line)) {
            return "the registry " + destination.registry() + " refused the push of " + target + " (" + line + "): "
                    + (destination.login().isPresent() ? "the login the driver gave was refused; fit again for a new"
                    + " one, and check that the role may push there" : "log in with docker login "
                    + destination.registry());
        }
        return "the push of " + target + " failed: " + line;
    }

    private static void layer(PushResponseItem item, BuildListener listener) {
        String status = item.getStatus();
        String layer = item.getId();
        if (layer == null) {
            return;
        }
        ResponseItem.ProgressDetail detail = item.getProgressDetail();
        long current = detail == null || detail.getCurrent() == null ? 0 : detail.getCurrent();
        long total = detail == null || detail.getTotal() == null ? 0 : detail.getTotal();
        if (status.equals("Pushing")) {
            listener.onEvent(new BuildEvent.Upload(layer, current, total, false));
        } else if (status.equals("Pushed")) {
            listener.onEvent(new BuildEvent.Upload(layer, Math.max(1, total), Math.max(1, total), false));
        } else if (status.equals("Layer already exists") || status.startsWith("Mounted")) {
            listener.onEvent(new BuildEvent.Upload(layer, 0, 0, true));
        }
    }
}
