package dev.fahr.driver.sagemaker;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A bucket and a key (or key prefix), parsed from and printed as {@code s3://bucket/key}. */
record S3Location(String bucket, String key) {

    private static final Pattern S3_URI = Pattern.compile("s3://([a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9])(?:/(.*))?");

    S3Location {
        Objects.requireNonNull(bucket, "bucket");
        key = key == null ? "" : key;
    }

    static S3Location parse(String uri) {
        Matcher m = S3_URI.matcher(uri);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an S3 location: '" + uri + "' (expected s3://bucket/path)");
        }
        return new S3Location(m.group(1), m.group(2));
    }

    static S3Location of(URI uri) {
        return parse(uri.toString());
    }

    /** {@code s3://b/out/} + {@code job/output} = {@code s3://b/out/job/output}: exactly one slash between. */
    S3Location resolve(String relative) {
        String base = key.isEmpty() || key.endsWith("/") ? key : key + "/";
        return new S3Location(bucket, base + relative.replaceAll("^/+", ""));
    }

    /** The key as a prefix of the objects under it, ending with a slash. */
    String prefix() {
        return key.isEmpty() || key.endsWith("/") ? key : key + "/";
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
