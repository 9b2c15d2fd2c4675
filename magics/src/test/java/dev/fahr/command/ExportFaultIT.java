package dev.fahr.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.fahr.testing.FaultLedger;
import dev.fahr.testing.InMemoryDriver;
import dev.fahr.testing.TmpfsMount;
import dev.fahr.workflow.DriverRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills while init exports the notebook into its experiment folder: one line, every file of the
 * folder whole (the previous export stays as it was), nothing half-written or staged left behind, and once
 * there is room again the export completes.
 */
class ExportFaultIT {

    @TempDir
    Path root;

    private final CommandLineTest.CapturingOutput output = new CommandLineTest.CapturingOutput();
    private final StringWriter errors = new StringWriter();

    private int run(Path project, String... args) {
        errors.getBuffer().setLength(0);
        FahrContext context = FahrContext.builder(project, output, new DriverRegistry(List.of(new InMemoryDriver())))
                .build();
        return FahrCommand.execute(context, List.of(args), () -> new PrintWriter(errors, true));
    }

    @Test
    void aDiskThatFillsDuringTheExportLeavesThePreviousExportWhole() throws Exception {
        try (TmpfsMount small = TmpfsMount.of(root.resolve("small"), 1 << 20)) {
            Path project = Files.createDirectories(small.folder().resolve("p"));
            Files.createDirectories(project.resolve(".git"));
            Path notebook = project.resolve("exp/train.ipynb");
            TestNotebooks.javaNotebook(notebook, "int epochs = 1;", "System.out.println(\"small\");");
            assertEquals(0, run(project, "init", "exp/train.ipynb", "--train-driver", "memory"), errors.toString());
            String initialized = output.lines.stream().filter(l -> l.startsWith("Initialized ")).findFirst().orElseThrow();
            Path folder = Path.of(initialized.substring("Initialized ".length(), initialized.indexOf(": ")));
            byte[] script = Files.readAllBytes(folder.resolve("train.jsh"));
            byte[] dockerfile = Files.readAllBytes(folder.resolve("Dockerfile"));

            // A changed notebook whose export needs more room than is left.
            TestNotebooks.javaNotebook(notebook, "int epochs = 1;",
                    "String big = \"" + "x".repeat(300_000) + "\";\nSystem.out.println(big.length());");
            Path filler = small.fill("filler.bin");

            FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
            assertEquals(1, run(project, "init", "exp/train.ipynb", "--train-driver", "memory"));
            java.time.Duration took = watch.elapsed();
            List<String> lines = errors.toString().lines().toList();
            assertEquals(1, lines.size(), errors.toString());
            assertTrue(lines.get(0).contains("No space left on device"), lines.get(0));
            assertArrayEquals(script, Files.readAllBytes(folder.resolve("train.jsh")), "the previous export, whole");
            assertArrayEquals(dockerfile, Files.readAllBytes(folder.resolve("Dockerfile")));
            assertEquals(List.of(), leftovers(project), "nothing half-written or staged");

            Files.delete(filler);
            assertEquals(0, run(project, "init", "exp/train.ipynb", "--train-driver", "memory"), errors.toString());
            assertTrue(Files.readString(folder.resolve("train.jsh")).contains("big.length()"));
            assertEquals(List.of(), leftovers(project));
            FaultLedger.record("disk full while exporting the notebook", 1, FaultLedger.NOT_APPLICABLE,
                    FaultLedger.NOT_APPLICABLE, leftovers(project).size(), took);
        }
    }

    /** Temporary files of atomic writes and staging folders anywhere under the project. */
    private static List<String> leftovers(Path project) throws IOException {
        try (Stream<Path> tree = Files.walk(project)) {
            return tree.map(p -> project.relativize(p).toString()).filter(name -> name.endsWith(".partial")
                    || name.contains(".init-") || name.contains(".fahr/lib-") || name.endsWith(".tmp")).toList();
        }
    }
}
