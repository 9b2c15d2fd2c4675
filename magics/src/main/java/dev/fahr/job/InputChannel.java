package dev.fahr.job;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named input of a job, mounted at {@code /opt/ml/input/data/<name>}: an {@code s3://} location or a
 * local file or folder (uploaded by drivers that run remotely).
 */
public record InputChannel(String name, String source) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9.\\-_]{1,64}");

    public InputChannel {
        Objects.requireNonNull(source, "source");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid input channel name '" + name
                    + "': use 1 to 64 letters, digits, '.', '-' or '_'");
        }
    }

    public boolean isS3() {
        return source.startsWith("s3://");
    }
}
