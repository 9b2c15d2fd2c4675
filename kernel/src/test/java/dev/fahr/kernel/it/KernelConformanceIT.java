package dev.fahr.kernel.it;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** The standard Jupyter conformance suite (jupyter_kernel_test) on the shaded kernel jar. See src/test/python/test_conformance.py. */
class KernelConformanceIT {

    @TempDir
    Path temp;

    /** On JDK 17 and on a newer JDK, where interrupt works through JShell's stop checks instead of Thread.stop. */
    @ParameterizedTest(name = "kernel on {0}")
    @MethodSource("dev.fahr.kernel.it.TestJdks#currentAndNewer")
    void pythonSuitePasses(Path javaHome) throws Exception {
        JupyterPython.runUnittest(temp, "test_conformance", 300, javaHome);
    }
}
