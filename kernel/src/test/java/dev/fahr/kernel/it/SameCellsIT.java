package dev.fahr.kernel.it;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same cells through the kernel (nbclient) and through the training runner (the job jar on what
 * {@code fahr init} exported) come out the same: values, printed output, displays and errors.
 * See src/test/python/test_same_cells.py.
 */
class SameCellsIT {

    @TempDir
    Path temp;

    @Test
    void pythonSuitePasses() throws Exception {
        JupyterPython.runUnittest(temp, "test_same_cells", 600);
    }
}
