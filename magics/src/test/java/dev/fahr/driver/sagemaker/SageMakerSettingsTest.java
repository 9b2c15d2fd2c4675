package dev.fahr.driver.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fahr.settings.SettingSource;
import dev.fahr.settings.Settings;
import dev.fahr.settings.SettingsException;

class SageMakerSettingsTest {

    private static Settings settings(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("output_path", "s3://my-bucket/fahr/");
        values.put("role_name", "my-sagemaker-role");
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return Settings.resolve(SageMakerSettings.SCHEMA, List.of(new SettingSource("command line", values)));
    }

    private static SageMakerJobConfig config(boolean gpu, String... pairs) {
        return SageMakerJobConfig.of(settings(pairs), gpu, Map.of(), Map.of());
    }

    private static String refusal(Runnable action) {
        return assertThrows(SettingsException.class, action::run).getMessage();
    }

    @Test
    void defaultsFollowTheImage() {
        SageMakerJobConfig cpu = config(false);
        assertEquals("ml.m5.xlarge", cpu.instanceType());
        assertEquals(1, cpu.instanceCount());
        assertEquals(30, cpu.volumeSizeGb());
        assertEquals(86400, cpu.maxRuntimeSeconds());
        assertEquals("ml.g4dn.xlarge", config(true).instanceType());
        assertEquals("ml.p3.2xlarge", config(true, "instance_type", "ml.p3.2xlarge").instanceType());
    }

    @Test
    void maxWaitNeedsSpotAndAtLeastTheRuntime() {
        assertTrue(refusal(() -> config(false, "max_wait", "7200")).contains(
                "max_wait is only valid with use_spot=true"));
        String tooShort = refusal(() -> config(false, "use_spot", "true", "max_runtime", "3600", "max_wait", "60"));
        assertTrue(tooShort.contains("MaxWaitTimeInSeconds must be greater than or equal to MaxRuntimeInSeconds"),
                tooShort);
        SageMakerJobConfig spot = config(false, "use_spot", "true", "max_runtime", "3600", "max_wait", "7200");
        assertEquals(7200, spot.maxWaitSeconds().getAsInt());
    }

    @Test
    void refusesABadS3Uri() {
        String message = refusal(() -> settings("output_path", "my-bucket/fahr"));
        assertTrue(message.startsWith("output_path must be an S3 location"), message);
        assertTrue(refusal(() -> settings("checkpoint_s3_uri", "s3://UPPER/x")).contains("checkpoint_s3_uri"));
    }

    @Test
    void suggestsTheClosestKeyForATypo() {
        String message = refusal(() -> settings("instance_typ", "ml.m5.xlarge"));
        assertTrue(message.contains("did you mean instance_type?"), message);
    }

    @Test
    void checksRangesAndShapes() {
        assertTrue(refusal(() -> settings("volume_size", "20000")).contains("must be from 1 to 16384"));
        assertTrue(refusal(() -> settings("instance_count", "0")).contains("must be 1 or more"));
        assertTrue(refusal(() -> settings("use_spot", "maybe")).contains("true or false"));
        assertTrue(refusal(() -> settings("role_name", "arn:aws:iam::1:role/x")).contains("role ARN"));
        assertTrue(refusal(() -> settings("ecr_repository", "Fahr_Repo")).contains("ECR repository name"));
        assertTrue(refusal(() -> settings("region", "mars")).contains("AWS region"));
        assertTrue(refusal(() -> config(false, "env.1BAD", "x")).contains("env.1BAD"));
    }

    @Test
    void requiresOutputPathAndRole() {
        Settings none = Settings.resolve(SageMakerSettings.SCHEMA, List.of());
        assertTrue(refusal(() -> SageMakerJobConfig.of(none, false, Map.of(), Map.of()))
                .contains("output_path is required"));
    }

    @Test
    void collectsPrefixedSettings() {
        SageMakerJobConfig config = config(false, "input.train", "s3://data/train/", "env.SEED", "7",
                "tag.team", "ml research");
        assertEquals(Map.of("train", "s3://data/train/"), config.inputs());
        assertEquals(Map.of("SEED", "7"), config.environment());
        assertEquals(Map.of("team", "ml research"), config.tags());
        assertTrue(refusal(() -> config(false, "input.bad channel!", "s3://x/y")) != null);
    }
}
