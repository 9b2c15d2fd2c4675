package dev.fahr.kernel.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * notebooks/quickstart.ipynb in Debian's classic Notebook, driven in headless Chromium: the status table
 * renders as HTML and updates in place to "completed", Tab completion offers the %fahr_ magics. The
 * screenshot is kept as {@code <build folder>/browser/quickstart.png}. See src/test/python/test_browser_quickstart.py.
 */
class BrowserQuickstartIT {

    private static final List<String> PROGRAMS = List.of("/usr/bin/chromium", "/usr/bin/chromedriver",
            "/usr/bin/jupyter-notebook");

    @TempDir
    Path temp;

    @Test
    void quickstartRunsInChromiumWithALiveStatusTableAndMagicCompletion() throws Exception {
        DockerEngineProbe.requireEngineWith("eclipse-temurin:21-jdk");
        for (String program : PROGRAMS) {
            if (!Files.isExecutable(Path.of(program))) {
                fail(program + " is missing: scripts/services.sh install (or scripts/with-services.sh) installs "
                        + "Debian's chromium, chromium-driver, python3-selenium and jupyter-notebook");
            }
        }
        Path artifacts = Path.of(System.getProperty("fahr.kernel.jar", "target/fahr-kernel.jar")).toAbsolutePath()
                .getParent().resolve("browser");
        try {
            JupyterPython.runUnittest(temp, "test_browser_quickstart", 900);
        } finally {
            keep(temp.resolve("browser"), artifacts);
        }
    }

    /** The screenshot and the server log, kept whether the test passed or not. */
    private static void keep(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
