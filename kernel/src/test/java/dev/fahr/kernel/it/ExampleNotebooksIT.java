package dev.fahr.kernel.it;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example notebooks under notebooks/, executed by nbclient on the shaded kernel jar with a real Docker
 * engine (scripts/with-services.sh): quickstart and grid end to end on the local driver, gpu up to its export
 * and image build. See src/test/python/test_example_notebooks.py.
 */
class ExampleNotebooksIT {

    @TempDir
    Path temp;

    @Test
    void quickstartTrainsInAJobAndTheFetchedModelEvaluatesInRange() throws Exception {
        DockerEngineProbe.requireEngineWith("eclipse-temurin:21-jdk");
        JupyterPython.runUnittest(temp, "test_example_notebooks.QuickstartNotebookTest", 900);
    }

    @Test
    void gridLaunchesThreeJobsComparedInOneStatusTable() throws Exception {
        DockerEngineProbe.requireEngineWith("eclipse-temurin:21-jdk");
        JupyterPython.runUnittest(temp, "test_example_notebooks.GridNotebookTest", 900);
    }

    @Test
    void gpuExportsAndBuildsItsCudaImageAndTheGpuRequestIsRefusedClearly() throws Exception {
        DockerEngineProbe.requireEngineWith("eclipse-temurin:21-jdk", "nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04");
        JupyterPython.runUnittest(temp, "test_example_notebooks.GpuNotebookTest", 900);
    }
}
