package dev.fahr.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsTest {

    private final SettingsSchema schema = new SettingsSchema("sagemaker", List.of(
            SettingKey.builder("instance_count", SettingType.INT).range(1, 100).defaultValue("1").build(),
            SettingKey.builder("instance_type", SettingType.STRING).defaultValue("ml.m5.xlarge").build(),
            SettingKey.builder("use_spot", SettingType.BOOLEAN).defaultValue("false").build(),
            SettingKey.builder("output_path", SettingType.S3_URI).build(),
            SettingKey.builder("input", SettingType.STRING).prefix().build(),
            SettingKey.builder("mode", SettingType.STRING).allowed("File", "Pipe").build()));

    @Test
    void valuesAreTypedAndTheFirstSourceWins() {
        Settings settings = Settings.resolve(schema, List.of(
                new SettingSource("command line", Map.of("instance_count", "4", "use_spot", "True")),
                new SettingSource("fahr.properties", Map.of("instance_count", "2", "output_path", "s3://bucket/path/"))));
        assertEquals(4, settings.integer("instance_count").orElseThrow());
        assertTrue(settings.flag("use_spot"), "the seed's --config.enable_gpu=True must be a boolean, not text");
        assertEquals(URI.create("s3://bucket/path/"), settings.uri("output_path").orElseThrow());
        assertEquals("command line", settings.all().get("instance_count").source());
        assertEquals("fahr.properties", settings.all().get("output_path").source());
        assertEquals("default", settings.all().get("instance_type").source());
    }

    @Test
    void aValueMayContainEquals() {
        Settings settings = Settings.resolve(schema, List.of(
                new SettingSource("command line", Map.of("input.train", "s3://b/k?x=1=2"))));
        assertEquals(Map.of("train", "s3://b/k?x=1=2"), settings.withPrefix("input"));
    }

    @Test
    void anUnknownKeyIsRefusedWithTheClosestSuggested() {
        SettingsException e = assertThrows(SettingsException.class, () -> Settings.resolve(schema,
                List.of(new SettingSource("command line", Map.of("instance_typ", "ml.p3.2xlarge")))));
        assertTrue(e.getMessage().contains("did you mean instance_type?"), e.getMessage());
    }

    @Test
    void badValuesNameTheKeyAndTheRule() {
        assertMessage("instance_count must be a whole number, not 'two'", Map.of("instance_count", "two"));
        assertMessage("instance_count must be from 1 to 100, not '0'", Map.of("instance_count", "0"));
        assertMessage("use_spot must be true or false, not 'maybe'", Map.of("use_spot", "maybe"));
        assertMessage("output_path must be an S3 location", Map.of("output_path", "/tmp/out"));
        assertMessage("mode must be one of File, Pipe", Map.of("mode", "Stream"));
        assertMessage("input needs a name after it", Map.of("input", "s3://b/"));
    }

    @Test
    void distanceFindsTypos() {
        assertEquals(1, EditDistance.between("instance_typ", "instance_type"));
        assertFalse(schema.closest("completely_different").isPresent());
    }

    private void assertMessage(String expected, Map<String, String> values) {
        SettingsException e = assertThrows(SettingsException.class,
                () -> Settings.resolve(schema, List.of(new SettingSource("command line", values))));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
