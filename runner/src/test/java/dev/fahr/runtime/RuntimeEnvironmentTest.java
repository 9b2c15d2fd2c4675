package dev.fahr.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuntimeEnvironmentTest {

    @TempDir
    Path temp;

    private RuntimeEnvironment job(String hyperparametersJson) throws Exception {
        Path config = temp.resolve("ml/input/config");
        Files.createDirectories(config);
        Files.writeString(config.resolve("hyperparameters.json"), hyperparametersJson);
        return new RuntimeEnvironment(Map.of("FAHR_EXECUTION_ENVIRONMENT", "sagemaker",
                "FAHR_ML_ROOT", temp.resolve("ml").toString()), temp.resolve("cwd"));
    }

    @Test
    void withoutTheVariableItIsTheNotebookWithFoldersBesideIt() {
        RuntimeEnvironment notebook = new RuntimeEnvironment(Map.of(), temp);
        assertFalse(notebook.isJob());
        assertEquals("notebook", notebook.executionEnvironment());
        assertEquals(temp.resolve("model"), notebook.modelDir());
        assertEquals(temp.resolve("output"), notebook.outputDir());
        assertEquals(temp.resolve("checkpoints"), notebook.checkpointDir());
        assertEquals(temp.resolve("data/train"), notebook.inputDir("train"));
        assertTrue(Files.isDirectory(temp.resolve("model")), "created on first use");
        assertTrue(Files.isDirectory(temp.resolve("data/train")));
    }

    @Test
    void notebookValueIsNotAJobAndLocalRootOverridesTheWorkingFolder() {
        RuntimeEnvironment notebook = new RuntimeEnvironment(Map.of("FAHR_EXECUTION_ENVIRONMENT", "notebook",
                "FAHR_LOCAL_ROOT", temp.resolve("elsewhere").toString()), temp.resolve("cwd"));
        assertFalse(notebook.isJob());
        assertEquals(temp.resolve("elsewhere/output"), notebook.outputDir());
    }

    @Test
    void inAJobTheFoldersAreSageMakers() throws Exception {
        RuntimeEnvironment job = job("{}");
        assertTrue(job.isJob());
        assertEquals("sagemaker", job.executionEnvironment());
        assertEquals(temp.resolve("ml/model"), job.modelDir());
        assertEquals(temp.resolve("ml/output/data"), job.outputDir());
        assertEquals(temp.resolve("ml/checkpoints"), job.checkpointDir());
        assertEquals(temp.resolve("ml/input/data/train"), job.inputDir("train"));
        assertFalse(Files.exists(temp.resolve("ml/input/data/train")), "a missing channel stays missing");
        assertFalse(Files.exists(temp.resolve("cwd/model")));
    }

    @Test
    void theDefaultRootIsOptMl() {
        assertEquals(Path.of("/opt/ml/input/data/train"), JobLayout.from(Map.of()).inputDataDir("train"));
        assertEquals(Path.of("/opt/ml/output/failure"), JobLayout.from(Map.of()).failureFile());
    }

    @Test
    void channelNamesAreValidated() {
        RuntimeEnvironment notebook = new RuntimeEnvironment(Map.of(), temp);
        for (String bad : new String[] {"../etc", "a/b", "", "has space", "x".repeat(65)}) {
            assertThrows(IllegalArgumentException.class, () -> notebook.inputDir(bad), bad);
        }
        assertEquals(temp.resolve("data/a.b-c_1"), notebook.inputDir("a.b-c_1"));
        assertEquals(temp.resolve("data/" + "x".repeat(64)), notebook.inputDir("x".repeat(64)));
    }

    @Test
    void aJobReadsHyperparametersAsTheirTypes() throws Exception {
        RuntimeEnvironment job = job("{\"epochs\": \"3\", \"steps\": \"9000000000\", \"lr\": \"1e-3\","
                + " \"shuffle\": \"True\", \"name\": \"resnet\", \"batch\": 64}");
        assertEquals(3, job.hyperparameter("epochs", 10));
        assertEquals(9_000_000_000L, job.hyperparameter("steps", 1L));
        assertEquals(0.001, job.hyperparameter("lr", 0.1));
        assertTrue(job.hyperparameter("shuffle", false));
        assertEquals("resnet", job.hyperparameter("name", "default"));
        assertEquals(64, job.hyperparameter("batch", 32), "JSON numbers are accepted too");
        assertEquals(7, job.hyperparameter("absent", 7));
    }

    @Test
    void aValueThatDoesNotParseNamesKeyValueAndType() throws Exception {
        RuntimeEnvironment job = job("{\"epochs\": \"ten\", \"shuffle\": \"yes\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> job.hyperparameter("epochs", 1));
        assertEquals("hyperparameter \"epochs\" = \"ten\" is not a valid int", e.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> job.hyperparameter("shuffle", true));
        assertTrue(b.getMessage().contains("boolean"), b.getMessage());
    }

    @Test
    void theNotebookAlwaysUsesTheDefaults() throws Exception {
        Files.createDirectories(temp.resolve("ml/input/config"));
        Files.writeString(temp.resolve("ml/input/config/hyperparameters.json"), "{\"epochs\": \"3\"}");
        RuntimeEnvironment notebook = new RuntimeEnvironment(Map.of("FAHR_ML_ROOT", temp.resolve("ml").toString()), temp);
        assertEquals(10, notebook.hyperparameter("epochs", 10));
        assertTrue(notebook.hyperparameters().values().isEmpty());
    }

    @Test
    void aMalformedFileNamesTheFile() throws Exception {
        RuntimeEnvironment job = job("{\"epochs\": [3]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> job.hyperparameter("epochs", 1));
        assertTrue(e.getMessage().contains("hyperparameters.json"), e.getMessage());
    }

    @Test
    void aJobWithoutHyperparametersUsesTheDefaults() {
        RuntimeEnvironment job = new RuntimeEnvironment(Map.of("FAHR_EXECUTION_ENVIRONMENT", "local",
                "FAHR_ML_ROOT", temp.resolve("none").toString()), temp);
        assertEquals(0.5, job.hyperparameter("lr", 0.5));
    }

    @Test
    void theTypeOfAJavaDeclarationMapsToAHyperparameterType() {
        assertEquals(HyperparameterType.INT, HyperparameterType.forJavaType("int").orElseThrow());
        assertEquals(HyperparameterType.INT, HyperparameterType.forJavaType("Integer").orElseThrow());
        assertEquals(HyperparameterType.STRING, HyperparameterType.forJavaType("java.lang.String").orElseThrow());
        assertTrue(HyperparameterType.forJavaType("List<String>").isEmpty());
    }

    @Test
    void inTheNotebookMetricsAreKeptForTheSessionAndNothingIsWritten() {
        RuntimeEnvironment notebook = new RuntimeEnvironment(java.util.Map.of(), temp);
        notebook.metrics().record("loss", 0.5, java.util.Optional.empty());
        notebook.metrics().record("loss", 0.25, java.util.Optional.empty());
        assertEquals(java.util.List.of(new MetricPoint("loss", 0, 0.5), new MetricPoint("loss", 1, 0.25)),
                notebook.metrics().log().series().get("loss"));
        assertFalse(java.nio.file.Files.exists(temp.resolve("output")), "the notebook writes no metrics file");
    }
}
