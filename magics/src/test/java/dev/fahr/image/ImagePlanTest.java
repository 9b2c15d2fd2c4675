package dev.fahr.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import dev.fahr.notebook.NotebookLanguage;
import org.junit.jupiter.api.Test;

/** What a daemonless build reads from a Dockerfile, fahr's own templates first, and what it refuses. */
class ImagePlanTest {

    private static ImageSpec.Builder spec(NotebookLanguage language, String trainImage) {
        return ImageSpec.builder().language(language).trainImage(trainImage).scriptFileName(
                language == NotebookLanguage.JAVA ? "quickstart.jsh" : "train.py").notebookName("quickstart.ipynb")
                .executionEnvironment("sagemaker");
    }

    @Test
    void theJavaTemplateIsLayersEnvironmentWorkingFolderAndEntryPoint() {
        String dockerfile = new DockerfileTemplate().render(spec(NotebookLanguage.JAVA, "default-cpu")
                .inputNotebook(Optional.of("quickstart.input.ipynb")).build()).dockerfile();
        ImagePlan plan = ImagePlan.of(dockerfile);
        assertEquals("eclipse-temurin:21-jdk", plan.base());
        List<ImagePlan.Copy> copies = plan.steps().stream().filter(ImagePlan.Copy.class::isInstance)
                .map(ImagePlan.Copy.class::cast).toList();
        assertEquals(List.of(List.of("lib/"), List.of("fahr-runner.jar"), List.of("run.sh"),
                List.of("quickstart.jsh", "quickstart.input.ipynb")), copies.stream().map(ImagePlan.Copy::sources).toList());
        assertEquals(List.of("/opt/fahr/lib/", "/opt/fahr/", "/opt/fahr/run.sh", "/opt/fahr/job/"),
                copies.stream().map(ImagePlan.Copy::destination).toList());
        assertTrue(plan.steps().contains(new ImagePlan.Env(plan.steps().stream().filter(ImagePlan.Env.class::isInstance)
                .map(ImagePlan.Env.class::cast).findFirst().orElseThrow().line(), "FAHR_EXECUTION_ENVIRONMENT",
                "sagemaker")), plan.steps().toString());
        assertEquals(Optional.of("/opt/fahr/job"), plan.workingDir());
        assertEquals(Optional.of(List.of("/opt/fahr/run.sh")), plan.entrypoint());
        assertEquals(Optional.empty(), plan.command(), "SageMaker passes `train` itself");
    }

    @Test
    void theGpuTemplateTakesTheJdkFromItsImageAndExtendsThePath() {
        String dockerfile = new DockerfileTemplate().render(spec(NotebookLanguage.JAVA, "default-gpu").build())
                .dockerfile();
        ImagePlan plan = ImagePlan.of(dockerfile);
        assertEquals("nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04", plan.base());
        ImagePlan.Copy jdk = (ImagePlan.Copy) plan.steps().get(0);
        assertEquals(Optional.of("eclipse-temurin:21-jdk"), jdk.fromImage(), "the stage's name stands for its image");
        assertEquals(List.of("/opt/java/openjdk"), jdk.sources());
        assertTrue(plan.steps().stream().anyMatch(step -> step instanceof ImagePlan.Env env && env.name().equals("PATH")
                && env.value().equals("/opt/java/openjdk/bin:$PATH")), plan.steps().toString());
    }

    @Test
    void aRunLineIsRefusedWithItsNumberAndTheWayOut() {
        String dockerfile = new DockerfileTemplate().render(spec(NotebookLanguage.PYTHON, "default-cpu")
                .requirementsFile(true).build()).dockerfile();
        ImageSettingException refused = assertThrows(ImageSettingException.class, () -> ImagePlan.of(dockerfile));
        int line = List.of(dockerfile.split("\n")).indexOf(dockerfile.lines()
                .filter(l -> l.startsWith("RUN pip")).findFirst().orElseThrow()) + 1;
        assertEquals("the Dockerfile's line " + line + " (RUN pip install --no-cache-dir -r /opt/fahr/requirements.txt)"
                + " installs packages, which takes running a command, and that needs a Docker engine: build with Docker"
                + " (--builder=docker, where an engine"
                + " runs), or change that line so that it only copies files", refused.getMessage());
        assertTrue(assertThrows(ImageSettingException.class, () -> ImagePlan.of("FROM x\nRUN make\n")).getMessage()
                .startsWith("the Dockerfile's line 2 (RUN make) runs a command, which needs a Docker engine"));
        assertTrue(assertThrows(ImageSettingException.class, () -> ImagePlan.of("FROM x\nADD http://e.org/a.tgz /a\n"))
                .getMessage().startsWith("the Dockerfile's line 2 (ADD http://e.org/a.tgz /a) uses ADD"));
        assertTrue(assertThrows(ImageSettingException.class, () -> ImagePlan.of("FROM x\nCOPY --chown=1:1 a /a\n"))
                .getMessage().contains("uses --chown=1:1"));
    }

    @Test
    void environmentAndPathsAreReadAsDockerReadsThem() {
        ImagePlan plan = ImagePlan.of("""
                FROM busybox
                WORKDIR /app
                ENV A=1 B="two words" \\
                    C='$A'
                ENV LEGACY the rest of the line
                COPY src dest/
                COPY ["a b.txt", "./"]
                CMD python -u train.py
                LABEL team=ml
                EXPOSE 8080 53/udp
                """);
        List<ImagePlan.Step> steps = plan.steps();
        assertEquals(List.of("A=1", "B=two words", "C=$A", "LEGACY=the rest of the line"), steps.stream()
                .filter(ImagePlan.Env.class::isInstance).map(s -> ((ImagePlan.Env) s).name() + "=" + ((ImagePlan.Env) s)
                        .value()).toList());
        List<ImagePlan.Copy> copies = steps.stream().filter(ImagePlan.Copy.class::isInstance)
                .map(ImagePlan.Copy.class::cast).toList();
        assertEquals("/app/dest/", copies.get(0).destination(), "relative to the WORKDIR");
        assertEquals(List.of("a b.txt"), copies.get(1).sources());
        assertEquals("/app/", copies.get(1).destination());
        assertEquals(Optional.of(List.of("/bin/sh", "-c", "python -u train.py")), plan.command());
        assertEquals(java.util.Map.of("team", "ml"), plan.labels());
        assertEquals(java.util.Set.of("8080", "53/udp"), plan.ports());
    }
}
