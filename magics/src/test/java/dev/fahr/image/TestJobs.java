package dev.fahr.image;

import dev.fahr.notebook.NotebookLanguage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Job folders for tests: a rendered Dockerfile and run.sh, a script, and planted credential files. */
final class TestJobs {

    static final String SCRIPT = "hello.jsh";
    static final String SECRET = "AKIAFAHRTESTSECRET";

    private TestJobs() {
    }

    static JobFolder javaJob(Path folder, String trainImage, String scriptText) throws IOException {
        JobFolder job = JobFolder.at(folder);
        ImageSpec spec = ImageSpec.builder().language(NotebookLanguage.JAVA).trainImage(trainImage)
                .scriptFileName(SCRIPT).notebookName("hello.ipynb").executionEnvironment("local").build();
        job.writeTemplates(new DockerfileTemplate().render(spec), false);
        job.writeExport(java.util.Map.of(SCRIPT, scriptText), java.util.Optional.empty());
        return job;
    }

    static String script(String message) {
        return "// Exported by fahr from hello.ipynb\n\n// @fahr-cell 1 id=a1\nString greeting = \"" + message
                + "\";\n\n// @fahr-cell 2 id=b2\nSystem.out.println(greeting + \" from \" + System.getenv(\"FAHR_EXECUTION_ENVIRONMENT\"));\n";
    }

    /** The credential files a careless user might keep next to a notebook. */
    static void plantCredentials(Path folder) throws IOException {
        write(folder.resolve(".aws/credentials"), "[default]\naws_secret_access_key=" + SECRET + "\n");
        write(folder.resolve(".git/config"), "[remote \"origin\"]\nurl=https://user:" + SECRET + "@example.com/x.git\n");
        write(folder.resolve(".docker/config.json"), "{\"auths\":{\"x\":{\"auth\":\"" + SECRET + "\"}}}\n");
        write(folder.resolve("settings.xml"), "<settings><servers><server><password>" + SECRET
                + "</password></server></servers></settings>\n");
        write(folder.resolve(".m2/settings-security.xml"), "<settingsSecurity>" + SECRET + "</settingsSecurity>\n");
        write(folder.resolve(".netrc"), "machine x login u password " + SECRET + "\n");
        write(folder.resolve("deploy.pem"), SECRET);
        write(folder.resolve("id_rsa"), SECRET);
        write(folder.resolve(".env"), "TOKEN=" + SECRET);
        // In lib/, which the Dockerfile copies whole: still left out.
        write(folder.resolve("lib/.aws/credentials"), SECRET);
        write(folder.resolve("lib/server.key"), SECRET);
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
