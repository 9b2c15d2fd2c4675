package dev.fahr.testing.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points the AWS SDK's default providers at a temporary credentials file (or an empty one) through the
 * SDK's system properties, and restores them on close. The instance metadata service is switched off,
 * so a machine without credentials fails fast instead of waiting for 169.254.169.254.
 */
public final class AwsTestCredentials implements AutoCloseable {

    public static final String ACCESS_KEY = "AKIDFAHRTESTKEY00000";
    public static final String SECRET_KEY = "fahr-test-secret-key";

    private static final String[] PROPERTIES = {"aws.sharedCredentialsFile", "aws.configFile",
        "aws.disableEc2Metadata", "aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken", "aws.region",
        "aws.profile"};

    private final Map<String, String> saved = new LinkedHashMap<>();
    private final Path folder;

    private AwsTestCredentials(boolean withKeys) throws IOException {
        for (String property : PROPERTIES) {
            saved.put(property, System.getProperty(property));
            System.clearProperty(property);
        }
        folder = Files.createTempDirectory("fahr-aws-");
        Path credentials = folder.resolve("credentials");
        Files.writeString(credentials, withKeys ? "[default]\naws_access_key_id = " + ACCESS_KEY
                + "\naws_secret_access_key = " + SECRET_KEY + "\n" : "");
        Path config = folder.resolve("config");
        Files.writeString(config, "");
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        System.setProperty("aws.configFile", config.toString());
        System.setProperty("aws.disableEc2Metadata", "true");
    }

    /** A default profile with the test key pair (which S3Proxy also accepts). */
    public static AwsTestCredentials withTestKeys() throws IOException {
        return new AwsTestCredentials(true);
    }

    /** No credentials anywhere the SDK looks, as on a machine where `aws configure` never ran. */
    public static AwsTestCredentials none() throws IOException {
        for (String variable : new String[] {"AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"}) {
            if (System.getenv(variable) != null) {
                throw new IllegalStateException(variable + " is set in this environment: unset it to run this test");
            }
        }
        return new AwsTestCredentials(false);
    }

    @Override
    public void close() throws IOException {
        saved.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
        Files.deleteIfExists(folder.resolve("credentials"));
        Files.deleteIfExists(folder.resolve("config"));
        Files.deleteIfExists(folder);
    }
}
