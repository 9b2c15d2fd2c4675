package dev.fahr.kernel.it;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** Execution, streaming, errors, interrupt, background output, signing, magics and shutdown, through jupyter_client. See src/test/python/test_kernel_behaviour.py. */
class KernelBehaviourIT {

    @TempDir
    Path temp;

    /** On JDK 17 and on a newer JDK, where interrupt works through JShell's stop checks instead of Thread.stop. */
    @ParameterizedTest(name = "kernel on {0}")
    @MethodSource("dev.fahr.kernel.it.TestJdks#currentAndNewer")
    void pythonSuitePasses(Path javaHome) throws Exception {
        JupyterPython.runUnittest(temp, "test_kernel_behaviour", 420, javaHome);
    }
}
