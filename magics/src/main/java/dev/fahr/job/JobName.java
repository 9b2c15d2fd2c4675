package dev.fahr.job;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A training job's name, valid for every driver: SageMaker's pattern
 * {@code ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}}, which also suits Docker container names.
 *
 * <p>New names are {@code <folder>-<yyyyMMdd-HHmmss>-<4 random base-36 chars>}: unique without listing
 * every existing job (the original fahr numbered jobs from one unpaginated list page), and sortable.
 */
public record JobName(String value) implements Comparable<JobName> {

    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final String BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SUFFIX_LENGTH = 1 + 15 + 1 + 4;

    public JobName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid job name '" + value + "': use 1 to 63 letters, digits "
                    + "and hyphens, starting and ending with a letter or digit");
        }
    }

    public static JobName parse(String value) {
        return new JobName(value);
    }

    /** A fresh name for a job made from the experiment folder {@code base}. */
    public static JobName generate(String base, Clock clock) {
        String prefix = sanitize(base);
        int room = 63 - SUFFIX_LENGTH;
        if (prefix.length() > room) {
            prefix = prefix.substring(0, room).replaceAll("-+$", "");
        }
        if (prefix.isEmpty()) {
            prefix = "fahr";
        }
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            suffix.append(BASE36.charAt(RANDOM.nextInt(BASE36.length())));
        }
        return new JobName(prefix + "-" + STAMP.format(clock.instant()) + "-" + suffix);
    }

    /** Lower case, letters, digits and single hyphens only; what is left of an arbitrary folder name. */
    static String sanitize(String base) {
        String lower = base == null ? "" : base.toLowerCase(Locale.ROOT);
        return lower.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

    @Override
    public int compareTo(JobName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
