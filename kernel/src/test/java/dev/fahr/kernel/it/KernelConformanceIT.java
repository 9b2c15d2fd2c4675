package dev.fahr.kernel.it;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standard Jupyter conformance suite (jupyter_kernel_test) on the shaded kernel jar. See src/test/python/test_conformance.py. */
class KernelConformanceIT {

    @TempDir
    Path temp;

    @Test
    void pythonSuitePasses() throws Exception {
        JupyterPython.runUnittest(temp, "test_conformance", 300);
    }
}
