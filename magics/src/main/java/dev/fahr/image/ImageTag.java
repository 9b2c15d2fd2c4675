package dev.fahr.image;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A job image's name: {@code fahr-<job folder name>:<first 12 hex digits of the context hash>}. The
 * folder name is lower-cased and reduced to Docker's repository grammar (the original fahr used it
 * as typed, and Docker refused upper case at build time); the hash tag makes an unchanged job map to
 * an existing image, so its build is skipped.
 *
 * @param repository for example {@code fahr-quickstart}
 * @param tag        for example {@code 3f2a9c01b7de}
 */
public record ImageTag(String repository, String tag) {

    private static final String PREFIX = "fahr-";
    private static final int HASH_DIGITS = 12;
    private static final int MAX_REPOSITORY = 128;
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

    public ImageTag {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        if (!REPOSITORY.matcher(repository).matches() || repository.length() > MAX_REPOSITORY) {
            throw new ImageSettingException("invalid image repository " + TemplateValueCheck.quoted(repository));
        }
        if (!TAG.matcher(tag).matches()) {
            throw new ImageSettingException("invalid image tag " + TemplateValueCheck.quoted(tag));
        }
    }

    /** The tag for a job folder and its build context's content hash. */
    public static ImageTag of(String jobFolderName, String contentHash) {
        if (contentHash == null || !contentHash.matches("[0-9a-fA-F]{" + HASH_DIGITS + ",}")) {
            throw new IllegalArgumentException("a content hash has at least " + HASH_DIGITS + " hex digits, not "
                    + TemplateValueCheck.quoted(contentHash));
        }
        return new ImageTag(PREFIX + sanitise(jobFolderName),
                contentHash.substring(0, HASH_DIGITS).toLowerCase(Locale.ROOT));
    }

    /** The tag for a build context. */
    public static ImageTag of(BuildContext context) {
        return of(context.folderName(), context.contentHash());
    }

    /** {@code repository:tag}, as {@code docker run} takes it. */
    public String reference() {
        return repository + ":" + tag;
    }

    @Override
    public String toString() {
        return reference();
    }

    // "My Job (v2)" -> "my-job-v2": runs of anything outside [a-z0-9._] become one '-', and separators
    // are trimmed from the ends and collapsed so that the grammar's "component" rule holds.
    static String sanitise(String name) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        String dashed = lower.replaceAll("[^a-z0-9._]+", "-")
                .replaceAll("[._-]{2,}", "-")
                .replaceAll("^[._-]+|[._-]+$", "");
        if (dashed.length() > MAX_REPOSITORY - PREFIX.length()) {
            dashed = dashed.substring(0, MAX_REPOSITORY - PREFIX.length()).replaceAll("[._-]+$", "");
        }
        return dashed.isEmpty() ? "job" : dashed;
    }
}
