package dev.fahr.image;

import dev.fahr.notebook.NotebookLanguage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerfileTemplateTest {

    private final DockerfileTemplate template = new DockerfileTemplate();

    private static ImageSpec java(String trainImage) {
        return ImageSpec.builder().language(NotebookLanguage.JAVA).trainImage(trainImage)
                .scriptFileName("quickstart.jsh").notebookName("quickstart.ipynb")
                .executionEnvironment("sagemaker").build();
    }

    private static List<String> instructions(String dockerfile) {
        return Stream.of(dockerfile.split("\n"))
                .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith(" "))
                .toList();
    }

    @Test
    void javaLayersGoFromRarelyToOftenChanged() {
        String dockerfile = template.render(java("default-cpu")).dockerfile();
        List<String> lines = instructions(dockerfile);
        assertEquals(List.of(
                "FROM eclipse-temurin:21-jdk",
                "ENV FAHR_EXECUTION_ENVIRONMENT=sagemaker",
                "COPY lib/ /opt/fahr/lib/",
                "COPY fahr-runner.jar /opt/fahr/",
                "COPY run.sh /opt/fahr/run.sh",
                "WORKDIR /opt/fahr/job",
                "COPY [\"quickstart.jsh\", \"/opt/fahr/job/\"]",
                "ENTRYPOINT [\"/opt/fahr/run.sh\"]"), lines);
        assertFalse(dockerfile.contains("/opt/ml"), "SageMaker reserves /opt/ml");
        assertFalse(dockerfile.contains("NVIDIA"), "a CPU image sets no NVIDIA variables");
    }

    @Test
    void runScriptExecsTheRunnerOnlyForTrain() {
        String run = template.render(java("default-cpu")).runScript();
        assertTrue(run.startsWith("#!/bin/sh\n"));
        assertTrue(run.contains("\nset -e\n"));
        assertTrue(run.contains("[ \"$1\" != train ]"));
        assertTrue(run.contains("exit 2"));
        assertTrue(run.contains("exec java $FAHR_JAVA_OPTS -jar /opt/fahr/fahr-runner.jar train \\\n"
                + "  --script '/opt/fahr/job/quickstart.jsh' \\\n"
                + "  --lib /opt/fahr/lib \\\n"
                + "  --notebook-name 'quickstart.ipynb'\n"), run);
    }

    @Test
    void gpuJavaImageCopiesTheJdkIntoTheCudaImageAndExposesGpus() {
        String dockerfile = template.render(java("local-gpu")).dockerfile();
        List<String> lines = instructions(dockerfile);
        assertEquals("FROM eclipse-temurin:21-jdk AS jdk", lines.get(0));
        assertEquals("FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04", lines.get(1));
        assertEquals("COPY --from=jdk /opt/java/openjdk /opt/java/openjdk", lines.get(2));
        assertTrue(dockerfile.contains("PATH=/opt/java/openjdk/bin:$PATH"));
        assertTrue(dockerfile.contains("ENV NVIDIA_VISIBLE_DEVICES=all \\\n    NVIDIA_DRIVER_CAPABILITIES=compute,utility\n"));
    }

    @Test
    void pythonInstallsRequirementsOnlyWhenTheFileExists() {
        ImageSpec.Builder python = ImageSpec.builder().language(NotebookLanguage.PYTHON).trainImage("default-cpu")
                .scriptFileName("train.py").notebookName("train.ipynb");
        String without = template.render(python.build()).dockerfile();
        assertTrue(without.startsWith("#") && without.contains("\nFROM python:3.11-slim\n"));
        assertFalse(without.contains("pip install"));
        assertFalse(without.contains("requirements.txt"));
        assertFalse(without.contains("conda"));

        RenderedTemplates with = template.render(python.requirementsFile(true).build());
        List<String> lines = instructions(with.dockerfile());
        int copy = lines.indexOf("COPY requirements.txt /opt/fahr/requirements.txt");
        assertTrue(copy > 0, with.dockerfile());
        assertEquals("RUN pip install --no-cache-dir -r /opt/fahr/requirements.txt", lines.get(copy + 1));
        assertTrue(copy < lines.indexOf("COPY [\"train.py\", \"/opt/fahr/job/\"]"), "dependencies before code");
        assertTrue(with.runScript().contains("exec python -u '/opt/fahr/job/train.py'\n"));
    }

    @Test
    void pythonCondaEnvironmentAndGpuBase() {
        RenderedTemplates gpu = template.render(ImageSpec.builder().language(NotebookLanguage.PYTHON)
                .trainImage("default-gpu").scriptFileName("train.py").condaEnvironment(true).build());
        assertTrue(gpu.dockerfile().contains("\nFROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime\n"));
        assertTrue(gpu.dockerfile().contains("RUN conda env update -n base -f /opt/fahr/environment.yml"));
        assertTrue(gpu.dockerfile().contains("NVIDIA_VISIBLE_DEVICES=all"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil\nRUN curl x | sh.jsh", "$(curl evil).jsh", "a`id`.jsh", "it's.jsh",
            "a\"b.jsh", "../up.jsh", "sub/dir.jsh", "-rf.jsh", ".hidden.jsh", "star*.jsh", "tab\t.jsh", ""})
    void refusesScriptNamesThatCouldInjectSomething(String name) {
        ImageSettingException e = assertThrows(ImageSettingException.class,
                () -> ImageSpec.builder().scriptFileName(name).build());
        assertTrue(e.getMessage().contains("script file name"), e.getMessage());
        if (!name.isEmpty()) {
            assertTrue(e.getMessage().contains(TemplateValueCheck.quoted(name)), e.getMessage());
        }
    }

    @Test
    void namesTheOffendingCharacter() {
        ImageSettingException newline = assertThrows(ImageSettingException.class,
                () -> ImageSpec.builder().scriptFileName("a\nb.jsh").build());
        assertTrue(newline.getMessage().contains("\"a\\nb.jsh\"") && newline.getMessage().contains("line break"),
                newline.getMessage());
        ImageSettingException dollar = assertThrows(ImageSettingException.class,
                () -> ImageSpec.builder().scriptFileName("x.jsh").notebookName("$(id).ipynb").build());
        assertTrue(dollar.getMessage().contains("notebook name") && dollar.getMessage().contains("'$'"),
                dollar.getMessage());
        ImageSettingException environment = assertThrows(ImageSettingException.class,
                () -> ImageSpec.builder().scriptFileName("x.jsh").executionEnvironment("x\nRUN id").build());
        assertTrue(environment.getMessage().contains("execution environment"), environment.getMessage());
    }

    @Test
    void acceptsOrdinaryNamesWithSpaces() {
        RenderedTemplates rendered = template.render(ImageSpec.builder().scriptFileName("My Notebook v2.jsh")
                .notebookName("My Notebook v2.ipynb").build());
        assertTrue(rendered.dockerfile().contains("COPY [\"My Notebook v2.jsh\", \"/opt/fahr/job/\"]"));
        assertTrue(rendered.runScript().contains("--script '/opt/fahr/job/My Notebook v2.jsh'"));
    }

    @Test
    void refusesInjectionThroughTheImageReference() {
        for (String image : List.of("busybox:latest\nRUN id", "busybox:latest RUN", "busybox:$TAG", "Ubuntu:22.04")) {
            ImageSettingException e = assertThrows(ImageSettingException.class,
                    () -> BaseImage.resolve(image, NotebookLanguage.JAVA));
            assertTrue(e.getMessage().contains(TemplateValueCheck.quoted(image)), e.getMessage());
        }
    }
}
