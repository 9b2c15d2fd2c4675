package dev.fahr.driver.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fahr.driver.DriverException;
import dev.fahr.job.JobName;
import dev.fahr.settings.SettingSource;
import dev.fahr.settings.Settings;
import dev.fahr.testing.aws.AwsTestCredentials;

/** No credentials anywhere: every call says so in one line before contacting any service. */
class MissingCredentialsTest {

    @Test
    void saysHowToConfigureCredentials() throws Exception {
        URI nowhere = URI.create("http://127.0.0.1:9");
        SageMakerDriver driver = new SageMakerDriver(SageMakerEndpoints.allAt(nowhere, nowhere), Duration.ofMillis(10),
                d -> { });
        Settings settings = Settings.resolve(SageMakerSettings.SCHEMA, List.of(new SettingSource("test",
                Map.of("region", "us-east-1", "output_path", "s3://bucket/x/", "role_name", "r"))));
        try (AwsTestCredentials none = AwsTestCredentials.none()) {
            DriverException e = assertThrows(DriverException.class,
                    () -> driver.status(List.of(JobName.parse("some-job")), settings));
            assertEquals("no AWS credentials found: run `aws configure` or set AWS_PROFILE / AWS_ACCESS_KEY_ID",
                    e.getMessage());
        }
    }
}
