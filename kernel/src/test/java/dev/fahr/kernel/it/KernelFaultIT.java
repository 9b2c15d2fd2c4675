package dev.fahr.kernel.it;

import static org.junit.jupiter.api.Assertions.fail;

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
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isBlank()) {
            fail("this test needs a Docker engine: run it under scripts/with-services.sh, e.g. "
                    + "scripts/with-services.sh mvn -B -o -pl kernel verify -Dit.test=KernelFaultIT");
        }
    }

    @Test
    void pythonSuitePasses() throws Exception {
        JupyterPython.runUnittest(temp, "test_kernel_faults", 900);
    }
}
