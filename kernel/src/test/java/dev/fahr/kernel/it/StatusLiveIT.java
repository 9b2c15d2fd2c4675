package dev.fahr.kernel.it;


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
        DockerEngineProbe.requireEngineWith("eclipse-temurin:21-jdk");
    }

    @Test
    void pythonSuitePasses() throws Exception {
        JupyterPython.runUnittest(temp, "test_status_live", 900);
    }
}
