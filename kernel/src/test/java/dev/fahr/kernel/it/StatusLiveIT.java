package dev.fahr.kernel.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * %fahr_status live through jupyter_client on the local driver: update_display_data while another cell runs,
 * the table reaching "completed" (a failed job with its reason and last log lines), the updates stopping; and
 * %fahr_fit? / %fahr_help. Needs the Docker engine of scripts/with-services.sh. See
 * src/test/python/test_status_live.py.
 */
class StatusLiveIT {

    @TempDir
    Path temp;

    @BeforeAll
    static void needsAnEngine() {
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isBlank()) {
            fail("this test needs a Docker engine: run it under scripts/with-services.sh, e.g. "
                    + "scripts/with-services.sh mvn -B -o -pl kernel verify -Dit.test=StatusLiveIT");
        }
    }

    @Test
    void pythonSuitePasses() throws Exception {
        JupyterPython.runUnittest(temp, "test_status_live", 900);
    }
}
