package dev.fahr.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class JobModelTest {

    private static final Pattern SAGEMAKER = Pattern.compile("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$");
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void generatedNamesAreValidForSageMakerAndUniqueWithinOneSecond() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            JobName name = JobName.generate("ResNet48_128 (copy)", clock);
            assertTrue(SAGEMAKER.matcher(name.value()).matches(), name.value());
            assertTrue(name.value().startsWith("resnet48-128-copy-20261126-100000-"), name.value());
            names.add(name.value());
        }
        assertTrue(names.size() > 190, "random suffixes should not repeat: " + names.size());
    }

    @Test
    void longOrOddFolderNamesStillGiveValidNames() {
        String name = JobName.generate("x".repeat(200), clock).value();
        assertTrue(name.length() <= 63 && SAGEMAKER.matcher(name).matches(), name);
        assertTrue(JobName.generate("___", clock).value().startsWith("fahr-"));
        assertThrows(IllegalArgumentException.class, () -> JobName.parse("-bad"));
        assertThrows(IllegalArgumentException.class, () -> JobName.parse("bad_name"));
    }

    @Test
    void secretsAreRefusedAsHyperparameters() {
        IllegalArgumentException byKey = assertThrows(IllegalArgumentException.class,
                () -> new Hyperparameters(Map.of("api_key", "abc")));
        assertTrue(byKey.getMessage().contains("looks like a secret"), byKey.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Hyperparameters(Map.of("id", "AKIAABCDEFGHIJKLMNOP")));
        assertEquals("batch_size=128, lr=0.1",
                new Hyperparameters(Map.of("batch_size", "128")).with("lr", "0.1").summary());
    }

    @Test
    void aPinnedImageRunsItsDigest() {
        ImageRef ref = ImageRef.of("123.dkr.ecr.eu-west-1.amazonaws.com/fahr-a:3f2a").withDigest("sha256:abc");
        assertEquals("123.dkr.ecr.eu-west-1.amazonaws.com/fahr-a@sha256:abc", ref.pinned());
        assertEquals("127.0.0.1:5000/fahr-a@sha256:abc", ImageRef.of("127.0.0.1:5000/fahr-a:1").withDigest("sha256:abc").pinned());
        assertNotEquals(ref.pinned(), ImageRef.of(ref.reference()).pinned());
    }
}
