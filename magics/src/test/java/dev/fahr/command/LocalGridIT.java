package dev.fahr.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.fahr.job.JobState;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code fit --hp batch_size=128,256,512 --hp lr=0.1} on the local driver: one image build, three jobs of one
 * grid launched together, one status table that groups them, all completed. Needs scripts/with-services.sh.
 */
class LocalGridIT extends ProjectEndToEnd {

    @BeforeAll
    static void needsAnEngine() {
        ProjectCommands.requireEngine();
    }

    @Test
    void aThreeByOneGridBuildsOnceLaunchesThreeJobsAndShowsThemAsOneGroup() throws Exception {
        TestNotebooks.javaNotebook(project.resolve("models/grid/train.ipynb"), "int batch_size = 32;\ndouble lr = 0.5;",
                "System.out.println(\"batch \" + batch_size + \" lr \" + lr);",
                "Files.writeString(Fahr.modelDir().resolve(\"model.txt\"), \"batch=\" + batch_size);");

        assertEquals(0, run("fit", "models/grid/train.ipynb", "--hp", "batch_size=128,256,512", "--hp", "lr=0.1"),
                errors.toString());
        List<String> builds = output.lines.stream().filter(l -> l.startsWith("image ")
                && (l.endsWith(" built") || l.endsWith("(unchanged, not rebuilt)"))).toList();
        assertEquals(1, builds.size(), "one image build for the grid: " + output.lines);
        List<String> launched = output.lines.stream().filter(l -> l.startsWith("Launched ")).toList();
        assertEquals(3, launched.size(), output.lines.toString());

        List<JobRecord> records = new JobRecords(project).all();
        assertEquals(3, records.size(), records.toString());
        Set<String> grids = records.stream().map(r -> r.grid().orElse("none")).collect(Collectors.toSet());
        assertEquals(1, grids.size(), records.toString());
        String grid = grids.iterator().next();
        assertTrue(grid.startsWith("grid-"), grid);
        assertEquals(1, records.stream().map(r -> r.imageDigest().orElse("")).distinct().count(),
                "one image for every job: " + records);
        assertEquals(Set.of("128", "256", "512"), records.stream().map(r -> r.hyperparameters().get("batch_size"))
                .collect(Collectors.toSet()));
        assertTrue(records.stream().allMatch(r -> "0.1".equals(r.hyperparameters().get("lr"))), records.toString());

        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        Table table;
        do {
            Thread.sleep(250);
            output.tables.clear();
            assertEquals(0, run("status", grid, "--no-watch"), errors.toString());
            table = output.tables.get(0);
        } while (!table.caption().endsWith("all ended") && System.nanoTime() < deadline);

        String text = TableText.render(table);
        assertEquals(3, table.rows().size(), text);
        assertTrue(table.rows().stream().allMatch(r -> r.group().equals(grid)), "grouped by grid: " + text);
        assertTrue(table.rows().stream().allMatch(r -> r.cells().get(2).text().equals(JobState.COMPLETED.label())),
                text);
        assertTrue(text.contains(grid), "the grid is named in the table: " + text);
    }
}
