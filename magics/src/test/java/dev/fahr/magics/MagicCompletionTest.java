package dev.fahr.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.fahr.command.Pacer;
import dev.fahr.driver.TrainingDriver;
import dev.fahr.job.JobName;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import dev.fahr.workflow.DriverRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MagicCompletionTest {

    @TempDir
    Path project;

    private MagicCompletion completion(String verb) {
        return new MagicCompletion(verb, DriverRegistry::discover, () -> project);
    }

    @Test
    void optionsComeFromTheVerbsSpec() {
        List<String> options = completion("fit").candidates("--tr");
        assertTrue(options.containsAll(List.of("--train-driver", "--train-image")), options.toString());
        assertTrue(options.stream().allMatch(o -> o.startsWith("--tr")), options.toString());
        List<String> all = completion("fit").candidates("train.ipynb -");
        assertTrue(all.containsAll(List.of("--train-driver", "--train-image", "--build-driver", "--hp", "--help")),
                all.toString());
    }

    @Test
    void hiddenOptionsAreNotOffered() {
        assertEquals(List.of(), completion("status").candidates("--train-d"));
    }

    @Test
    void trainDriverValuesAreTheDiscoveredDrivers() {
        assertEquals(DriverRegistry.discover().names().stream().map(n -> "--train-driver=" + n).toList(),
                completion("fit").candidates("--train-driver="));
        assertEquals(List.of("--train-driver=local", "--train-driver=sagemaker"),
                completion("fit").candidates("--train-driver="));
        assertEquals(List.of("--train-driver=sagemaker"), completion("fit").candidates("x --train-driver=s"));
        assertEquals(List.of("local", "sagemaker"), completion("fit").candidates("--train-driver "));
    }

    @Test
    void imageKindsAndBuildDrivers() {
        assertEquals(List.of("--train-image=default-cpu", "--train-image=default-gpu"),
                completion("fit").candidates("--train-image="));
        assertEquals(List.of("--build-driver=default-cpu", "--build-driver=default-gpu", "--build-driver=docker",
                "--build-driver=jib", "--build-driver=local", "--build-driver=local-cpu", "--build-driver=local-gpu"),
                completion("init").candidates("--build-driver="));
        assertEquals(List.of("--build-driver=local-gpu"), completion("init").candidates("--build-driver=local-g"));
        assertEquals(List.of("--builder=auto", "--builder=docker", "--builder=jib"),
                completion("fit").candidates("--builder="));
    }

    @Test
    void jobNamesForTheCommandsThatTakeOne() throws Exception {
        Files.createDirectories(project.resolve(".git"));
        JobRecords records = new JobRecords(project);
        for (String name : List.of("mnist-20260101-1", "mnist-20260101-2", "cifar-20260102-1")) {
            records.add(JobRecord.builder(JobName.parse(name), "local", Instant.parse("2026-01-01T00:00:00Z")).build());
        }
        for (String verb : List.of("status", "logs", "fetch", "stop")) {
            assertEquals(List.of("mnist-20260101-1", "mnist-20260101-2"), completion(verb).candidates("mn"), verb);
            assertEquals(3, completion(verb).candidates("").size(), verb);
        }
        assertEquals(List.of(), completion("fit").candidates("mn"));
    }

    @Test
    void noRecordsNoJobNames() {
        assertEquals(List.of(), completion("status").candidates(""));
    }

    @Test
    void helpOffersTheVerbs() {
        List<String> topics = completion("help").candidates("");
        assertTrue(topics.containsAll(List.of("init", "fit", "status", "logs", "fetch", "stop", "copy")), topics.toString());
        assertEquals(List.of("fetch", "fit"), completion("help").candidates("f"));
    }

    @Test
    void theMagicObjectIsTheCompletingFunction() {
        FahrLineMagic magic = new FahrLineMagic("fit", () -> new DriverRegistry(List.<TrainingDriver>of()),
                Pacer.SLEEPING);
        assertEquals(List.of("--train-image=default-gpu"), magic.apply("--train-image=default-g"));
    }
}
