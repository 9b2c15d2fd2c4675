package dev.fahr.image;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Docker image reference checked against the reference grammar of docker/distribution
 * ({@code [domain/]path[:tag][@digest]}), so that a value fahr renders into a Dockerfile is one the
 * engine accepts; the original fahr rendered anything and failed only at build time.
 *
 * @param value the reference as given, for example {@code eclipse-temurin:21-jdk}
 */
public record ImageReference(String value) {

    private static final int MAX_NAME_LENGTH = 255;
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile(
            "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");

    public ImageReference {
        check(value);
    }

    /** @throws ImageSettingException naming the value and what is wrong with it */
    public static ImageReference parse(String value) {
        return new ImageReference(value);
    }

    /** The reference without tag or digest, for example {@code eclipse-temurin}. */
    public String repository() {
        String rest = withoutDigest(value);
        int colon = rest.lastIndexOf(':');
        return colon > rest.lastIndexOf('/') ? rest.substring(0, colon) : rest;
    }

    /** The tag, if the reference has one. */
    public Optional<String> tag() {
        String rest = withoutDigest(value);
        int colon = rest.lastIndexOf(':');
        return colon > rest.lastIndexOf('/') ? Optional.of(rest.substring(colon + 1)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }

    private static String withoutDigest(String value) {
        int at = value.indexOf('@');
        return at < 0 ? value : value.substring(0, at);
    }

    private static void check(String value) {
        if (value == null || value.isBlank()) {
            throw new ImageSettingException("the image reference is empty; give one such as eclipse-temurin:21-jdk");
        }
        String shown = TemplateValueCheck.quoted(value);
        int at = value.indexOf('@');
        if (at >= 0 && !DIGEST.matcher(value.substring(at + 1)).matches()) {
            throw bad(shown, "the digest after '@' must look like sha256:<64 hex digits>");
        }
        String name = repositoryOf(withoutDigest(value));
        String rest = withoutDigest(value);
        if (name.length() < rest.length() && !TAG.matcher(rest.substring(name.length() + 1)).matches()) {
            throw bad(shown, "the tag after ':' may hold only letters, digits, '_', '.' and '-' (at most 128, not starting with '.' or '-')");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw bad(shown, "the repository name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        String[] components = name.split("/", -1);
        int first = 0;
        if (components.length > 1 && looksLikeDomain(components[0])) {
            if (!DOMAIN.matcher(components[0]).matches()) {
                throw bad(shown, "'" + components[0] + "' is not a valid registry host[:port]");
            }
            first = 1;
        }
        for (int i = first; i < components.length; i++) {
            String component = components[i];
            if (PATH_COMPONENT.matcher(component).matches()) {
                continue;
            }
            String lower = component.toLowerCase(Locale.ROOT);
            if (!lower.equals(component) && PATH_COMPONENT.matcher(lower).matches()) {
                throw bad(shown, "repository names must be lower-case (did you mean "
                        + value.replace(component, lower) + "?)");
            }
            throw bad(shown, "'" + component + "' is not a valid repository name component: use lower-case"
                    + " letters and digits, separated by '.', '_', '__' or '-'");
        }
    }

    private static String repositoryOf(String withoutDigest) {
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    // docker/distribution's rule: the first component is a registry when it has a '.' or ':',
    // is "localhost", or has an upper-case letter (which a repository name never has).
    private static boolean looksLikeDomain(String component) {
        return component.contains(".") || component.contains(":") || component.equals("localhost")
                || !component.toLowerCase(Locale.ROOT).equals(component);
    }

    private static ImageSettingException bad(String shown, String why) {
        return new ImageSettingException("invalid image reference " + shown + ": " + why);
    }
}
