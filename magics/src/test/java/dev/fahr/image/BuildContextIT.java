package dev.fahr.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildContextIT {

    @TempDir
    Path temp;

    @Test
    void holdsOnlyWhatTheDockerfileCopiesAndNoCredentials() throws IOException {
        JobFolder job = TestJobs.javaJob(temp.resolve("hello"), "default-cpu", TestJobs.script("hi"));
        TestJobs.plantCredentials(job.root());
        TestJobs.write(job.root().resolve("lib/commons-math3.jar"), "jar bytes");
        TestJobs.write(job.root().resolve("notes/big-dataset.csv"), "not copied by the Dockerfile");
        TestJobs.write(job.root().resolve("hello.ipynb"), "{}");

        BuildContext context = job.buildContext();

        assertEquals(List.of("Dockerfile", "fahr-runner.jar", "hello.jsh", "lib/", "lib/commons-math3.jar", "run.sh"),
                context.paths());
        assertTrue(context.excludedSecrets().containsAll(List.of(".aws/credentials", ".git/config",
                ".docker/config.json", "settings.xml", ".m2/settings-security.xml", ".netrc", "deploy.pem", "id_rsa",
                ".env", "lib/.aws/credentials", "lib/server.key")), context.excludedSecrets().toString());
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        context.writeTar(tar);
        Map<String, byte[]> entries = TarEntries.read(tar.toByteArray());
        assertEquals(context.paths(), List.copyOf(entries.keySet()));
        assertFalse(new String(tar.toByteArray(), StandardCharsets.ISO_8859_1).contains(TestJobs.SECRET));
        assertTrue(entries.get("fahr-runner.jar").length > 1000, "the embedded runner jar");
    }

    @Test
    void secretsStayOutEvenWhenTheDockerfileCopiesEverything() throws IOException {
        Path folder = temp.resolve("everything");
        TestJobs.plantCredentials(folder);
        TestJobs.write(folder.resolve("Dockerfile"), "FROM fahr-test/busybox:latest\nCOPY . /app/\n");
        TestJobs.write(folder.resolve("train.sh"), "echo hi");
        BuildContext context = JobFolder.at(folder).buildContext();
        assertEquals(List.of("Dockerfile", "train.sh"), context.paths());
    }

    @Test
    void filesAnotherWriterIsStillWritingStayOut() throws IOException {
        // An init in another process stages files under these names and renames them into place.
        Path folder = temp.resolve("being-written");
        TestJobs.write(folder.resolve("Dockerfile"), "FROM fahr-test/busybox:latest\nCOPY . /app/\n");
        TestJobs.write(folder.resolve("train.jsh"), "int x = 1;");
        TestJobs.write(folder.resolve(".train.jsh8236412.fahr-tmp"), "int x = 2;");
        TestJobs.write(folder.resolve(".dependencies.json.123.partial"), "{");
        assertEquals(List.of("Dockerfile", "train.jsh"), JobFolder.at(folder).buildContext().paths());
    }

    @Test
    void symbolicLinksToCredentialsStayOut() throws IOException {
        JobFolder job = TestJobs.javaJob(temp.resolve("linked"), "default-cpu", TestJobs.script("hi"));
        TestJobs.write(temp.resolve("home/.aws/credentials"), TestJobs.SECRET);
        Files.createDirectories(job.libDir());
        Files.createSymbolicLink(job.libDir().resolve("innocent.jar"), temp.resolve("home/.aws/credentials"));
        assertFalse(job.buildContext().paths().contains("lib/innocent.jar"));
    }

    @Test
    void honoursDockerignoreWithExceptions() throws IOException {
        JobFolder job = TestJobs.javaJob(temp.resolve("ignored"), "default-cpu", TestJobs.script("hi"));
        TestJobs.write(job.root().resolve(".dockerignore"), "# test\nlib/*.jar\n!lib/keep.jar\n**/*.tmp\n");
        TestJobs.write(job.root().resolve("lib/drop.jar"), "x");
        TestJobs.write(job.root().resolve("lib/keep.jar"), "x");
        TestJobs.write(job.root().resolve("lib/sub/scratch.tmp"), "x");
        List<String> paths = job.buildContext().paths();
        assertTrue(paths.contains("lib/keep.jar") && paths.contains(".dockerignore"), paths.toString());
        assertFalse(paths.contains("lib/drop.jar") || paths.contains("lib/sub/scratch.tmp"), paths.toString());
    }

    @Test
    void hashDependsOnContentsAndModesNotOnTimeOrUnrelatedFiles() throws IOException {
        JobFolder job = TestJobs.javaJob(temp.resolve("hashed"), "default-cpu", TestJobs.script("hi"));
        String first = job.buildContext().contentHash();
        assertEquals(64, first.length());
        TestJobs.write(job.root().resolve("unrelated.txt"), "x");
        Files.setLastModifiedTime(job.root().resolve(TestJobs.SCRIPT), java.nio.file.attribute.FileTime.fromMillis(0));
        assertEquals(first, job.buildContext().contentHash());
        job.writeExport(java.util.Map.of(TestJobs.SCRIPT, TestJobs.script("changed")), java.util.Optional.empty());
        assertNotEquals(first, job.buildContext().contentHash());
    }

    @Test
    void emptyLibFolderIsSentSoCopyLibDoesNotFail() throws IOException {
        JobFolder job = TestJobs.javaJob(temp.resolve("nolib"), "default-cpu", TestJobs.script("hi"));
        assertFalse(Files.exists(job.libDir()));
        assertTrue(job.buildContext().paths().contains("lib/"));
    }

    @Test
    void keepsUserEditsUnlessOverwriteIsRequested() throws IOException {
        JobFolder job = TestJobs.javaJob(temp.resolve("edited"), "default-cpu", TestJobs.script("hi"));
        assertTrue(Files.isRegularFile(job.root().resolve(".fahr/templates.json")));
        assertTrue(Files.isExecutable(job.runScript()));
        DockerfileTemplate template = new DockerfileTemplate();
        RenderedTemplates gpu = template.render(ImageSpec.builder().trainImage("default-gpu")
                .scriptFileName(TestJobs.SCRIPT).notebookName("hello.ipynb").build());

        // Not edited: a new rendering replaces it.
        TemplateWriteResult updated = job.writeTemplates(gpu, false);
        assertEquals(TemplateFileOutcome.UPDATED, updated.outcomes().get("Dockerfile"));

        String edited = Files.readString(job.dockerfile()) + "RUN echo my edit\n";
        Files.writeString(job.dockerfile(), edited);
        RenderedTemplates cpu = template.render(ImageSpec.builder().scriptFileName(TestJobs.SCRIPT)
                .notebookName("hello.ipynb").build());
        TemplateWriteResult kept = job.writeTemplates(cpu, false);
        assertEquals(TemplateFileOutcome.KEPT_USER_EDITS, kept.outcomes().get("Dockerfile"));
        assertEquals(List.of("Dockerfile"), kept.keptUserEdits());
        assertEquals(edited, Files.readString(job.dockerfile()));
        // Still edited on the next run: the record keeps fahr's hash, not the user's.
        assertEquals(TemplateFileOutcome.KEPT_USER_EDITS, job.writeTemplates(cpu, false).outcomes().get("Dockerfile"));

        TemplateWriteResult overwritten = job.writeTemplates(cpu, true);
        assertEquals(TemplateFileOutcome.OVERWROTE_USER_EDITS, overwritten.outcomes().get("Dockerfile"));
        assertEquals(cpu.dockerfile(), Files.readString(job.dockerfile()));
        assertEquals(TemplateFileOutcome.UNCHANGED, job.writeTemplates(cpu, false).outcomes().get("Dockerfile"));
    }

    @Test
    void aFailedWriteLeavesNoHalfWrittenFolder() throws IOException {
        // A file where the .fahr folder must go makes the write fail after the templates were staged.
        Files.createDirectories(temp.resolve("blocked"));
        TestJobs.write(temp.resolve("blocked/.fahr"), "a file, not a folder");
        JobFolder blocked = JobFolder.at(temp.resolve("blocked"));
        RenderedTemplates templates = new DockerfileTemplate().render(ImageSpec.builder().scriptFileName("x.jsh").build());
        assertThrows(java.io.UncheckedIOException.class, () -> blocked.writeTemplates(templates, false));
        try (var files = Files.list(blocked.root())) {
            assertEquals(List.of(".fahr"), files.map(p -> p.getFileName().toString()).toList(),
                    "neither Dockerfile, run.sh nor a temporary file was left behind");
        }
    }
}
