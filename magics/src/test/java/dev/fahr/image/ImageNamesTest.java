package dev.fahr.image;

import dev.fahr.notebook.NotebookLanguage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageNamesTest {

    @Test
    void aliasesIncludingTheSeedsOlderSpellings() {
        for (String cpu : new String[] {"default-cpu", "local", "local-cpu", "Default-CPU"}) {
            assertEquals(Optional.of("default-cpu"), BaseImage.canonicalAlias(cpu));
        }
        for (String gpu : new String[] {"default-gpu", "local-gpu"}) {
            assertEquals(Optional.of("default-gpu"), BaseImage.canonicalAlias(gpu));
        }
        assertEquals("eclipse-temurin:21-jdk", BaseImage.resolve("default-cpu", NotebookLanguage.JAVA).image().value());
        assertEquals("python:3.11-slim", BaseImage.resolve("local", NotebookLanguage.PYTHON).image().value());
        BaseImage gpu = BaseImage.resolve("default-gpu", NotebookLanguage.JAVA);
        assertEquals("nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04", gpu.image().value());
        assertEquals("eclipse-temurin:21-jdk", gpu.jdkImage().orElseThrow().value());
        assertTrue(gpu.gpu());
        assertEquals("pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime",
                BaseImage.resolve("default-gpu", NotebookLanguage.PYTHON).image().value());
    }

    @Test
    void mistypedAliasSuggestsTheClosest() {
        ImageSettingException e = assertThrows(ImageSettingException.class,
                () -> BaseImage.resolve("defualt-cpu", NotebookLanguage.JAVA));
        assertTrue(e.getMessage().contains("did you mean default-cpu?"), e.getMessage());
        ImageSettingException gpu = assertThrows(ImageSettingException.class,
                () -> BaseImage.resolve("local-gpuu", NotebookLanguage.JAVA));
        assertTrue(gpu.getMessage().contains("did you mean default-gpu?"), gpu.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"busybox:latest", "fahr-test/busybox:latest", "localhost:5000/team/trainer:v1.2",
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fahr-job:latest", "a__b/c-d.e:1",
            "ubuntu@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "My.Registry:5000/x:y"})
    void customImagesAreUsedAsGiven(String reference) {
        BaseImage base = BaseImage.resolve(reference, NotebookLanguage.JAVA);
        assertEquals(reference, base.image().value());
        assertEquals(Optional.empty(), base.alias());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Team/Trainer:1", "team//trainer:1", "team/trainer:", "team/trainer:-x", "-team/x:1",
            "team/trainer:1 2", "x:1@sha256:abc", "team/tr ainer:1"})
    void malformedReferencesAreRefusedWithTheValueNamed(String reference) {
        ImageSettingException e = assertThrows(ImageSettingException.class, () -> ImageReference.parse(reference));
        assertTrue(e.getMessage().startsWith("invalid image reference " + TemplateValueCheck.quoted(reference)),
                e.getMessage());
    }

    @Test
    void upperCaseRepositoryGetsALowerCaseSuggestion() {
        ImageSettingException e = assertThrows(ImageSettingException.class,
                () -> ImageReference.parse("team/Trainer:1"));
        assertTrue(e.getMessage().contains("lower-case") && e.getMessage().contains("team/trainer:1"), e.getMessage());
    }

    @Test
    void tagIsLowerCasedAndSanitised() {
        String hash = "ABCDEF0123456789" + "0".repeat(48);
        assertEquals("fahr-quickstart:abcdef012345", ImageTag.of("quickstart", hash).reference());
        assertEquals("fahr-my-job-v2:abcdef012345", ImageTag.of("My Job (v2)", hash).reference());
        assertEquals("fahr-a.b_c:abcdef012345", ImageTag.of("A.b_c", hash).reference());
        assertEquals("fahr-x-y:abcdef012345", ImageTag.of("..x--__y..", hash).reference());
        assertEquals("fahr-job:abcdef012345", ImageTag.of("日本語", hash).reference());
        String longName = ImageTag.of("n".repeat(300), hash).repository();
        assertTrue(longName.length() <= 128);
        for (String name : new String[] {"My Job (v2)", "..x--__y..", "日本語", "a$(id)b", "UPPER_case.NAME"}) {
            ImageReference.parse(ImageTag.of(name, hash).reference()); // valid by Docker's grammar
        }
        assertThrows(IllegalArgumentException.class, () -> ImageTag.of("x", "not-a-hash"));
    }
}
