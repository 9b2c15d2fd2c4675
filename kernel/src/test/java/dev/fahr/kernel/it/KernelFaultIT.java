package dev.fahr.kernel.it;


import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel interrupted or restarted during %fahr_fit and during a live %fahr_status, through jupyter_client
 * on the local driver: records stay consistent and a new kernel's %fahr_status reattaches. Needs the Docker
 * engine of scripts/with-services.sh. See src/test/python/test_kernel_faults.py.
 */
class KernelFaultIT {

    @TempDir
    Path temp;

    @BeforeAll
    static void needsAnEngine() {
        DockerEngineProbe.requireEngineWith("eclipse-temurin:21-jdk");
    }

    @Test
    void pythonSuitePasses() throws Exception {
        JupyterPython.runUnittest(temp, "test_kernel_faults", 900);
    }
}
