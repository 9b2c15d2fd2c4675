package dev.fahr.kernel.it;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Execution, streaming, errors, interrupt, background output, signing, magics and shutdown, through jupyter_client. See src/test/python/test_kernel_behaviour.py. */
class KernelBehaviourIT {

    @TempDir
    Path temp;

    @Test
    void pythonSuitePasses() throws Exception {
        JupyterPython.runUnittest(temp, "test_kernel_behaviour", 420);
    }
}
