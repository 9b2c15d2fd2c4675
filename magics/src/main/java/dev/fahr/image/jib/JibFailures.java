package dev.fahr.image.jib;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import javax.net.ssl.SSLException;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.registry.RegistryCredentialsNotSentException;

import dev.fahr.image.ImageBuildException;
import dev.fahr.job.ImageDestination;

/**
 * Jib's failures as one line each, naming the registry or image and what to do: a refused login, a base
 * image that cannot be pulled, a registry that cannot be reached or verified.
 */
final class JibFailures {

    private static final String LOGIN_HINT = "fahr reads the logins docker login leaves: ~/.docker/config.json and its"
            + " credential helpers";

    private JibFailures() {
    }

    static ImageBuildException describe(Exception failure, String base, Optional<ImageDestination> destination,
                                        Path cache) {
        Throwable e = failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
        String pushTo = destination.map(ImageDestination::repository).orElse("the Docker engine");
        if (e instanceof RegistryUnauthorizedException unauthorized) {
            String image = unauthorized.getImageReference();
            boolean isBase = image.startsWith(stripTag(base)) || base.startsWith(stripTag(image));
            if (isBase) {
                return new ImageBuildException("base image " + base + " cannot be pulled: its registry " + registry(base)
                        + " refused the login (" + status(e) + "). Log in with docker login " + registry(base)
                        + " (" + LOGIN_HINT + "), or use another --train-image", e);
            }
            boolean driverLogin = destination.flatMap(ImageDestination::login).isPresent();
            String message = "the registry " + destination.map(ImageDestination::registry).orElse(image)
                    + " refused the push of " + image + " (" + status(e) + "): " + (driverLogin
                    ? "the login the driver gave was refused; fit again for a new one, and check that it may push"
                    + " there" : "log in with docker login " + registry(image) + " (" + LOGIN_HINT + ")");
            return driverLogin ? ImageBuildException.loginRefused(message, e) : new ImageBuildException(message, e);
        }
        if (e instanceof RegistryAuthenticationFailedException || e instanceof RegistryCredentialsNotSentException) {
            return new ImageBuildException("a registry refused fahr's login while building for " + pushTo + ": "
                    + oneLine(e) + ". Log in with docker login (" + LOGIN_HINT + ")", e);
        }
        if (e instanceof InsecureRegistryException || e instanceof SSLException) {
            return new ImageBuildException("a registry's certificate could not be verified while building for " + pushTo
                    + " (" + oneLine(e) + "): fahr accepts unverified certificates only from registries on this"
                    + " machine; give the registry a certificate your JDK trusts", e);
        }
        if (e instanceof UnknownHostException || e instanceof ConnectException) {
            return new ImageBuildException("cannot reach a registry while building for " + pushTo + " (" + oneLine(e)
                    + "): check the network, and the names of --train-image and the destination", e);
        }
        if (e instanceof CacheDirectoryCreationException) {
            return new ImageBuildException("cannot use Jib's cache under " + cache + ": " + oneLine(e)
                    + "; set XDG_CACHE_HOME to a writable folder", e);
        }
        String message = oneLine(e);
        if (message.toLowerCase(Locale.ROOT).contains("manifest") && message.toLowerCase(Locale.ROOT).contains("unknown")
                || message.contains("MANIFEST_UNKNOWN") || message.contains("NAME_UNKNOWN")) {
            return new ImageBuildException("base image " + base + " cannot be pulled from " + registry(base) + " ("
                    + message + "): check --train-image, or push the image there", e);
        }
        return new ImageBuildException("the Jib build for " + pushTo + " failed: " + message, e);
    }

    /** For a registry read outside Jib's build (a base's environment, a COPY --from image). */
    static String pullFailure(String reference, String registry, Exception e) {
        if (e instanceof RegistryUnauthorizedException || e instanceof RegistryAuthenticationFailedException) {
            return "image " + reference + " cannot be pulled: its registry " + registry + " refused the login ("
                    + oneLine(e) + "). Log in with docker login " + registry + " (" + LOGIN_HINT + ")";
        }
        return "image " + reference + " cannot be pulled from " + registry + ": " + oneLine(e)
                + "; check the reference and that the registry answers";
    }

    private static String status(Throwable e) {
        return oneLine(e);
    }

    private static String registry(String reference) {
        try {
            return RegistryLogins.parse(reference).getRegistry();
        } catch (RuntimeException e) {
            return reference;
        }
    }

    private static String stripTag(String reference) {
        String name = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        return colon > slash ? name.substring(0, colon) : name;
    }

    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.strip().replaceAll("\\s+", " ");
    }
}
