package dev.fahr.kernel.it;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** notebooks/hello.ipynb run by nbclient on the shaded kernel jar. See src/test/python/test_notebook_nbclient.py. */
class NotebookClientIT {

    @TempDir
    Path temp;

    @Test
    void pythonSuitePasses() throws Exception {
        JupyterPython.runUnittest(temp, "test_notebook_nbclient", 300);
    }
}
