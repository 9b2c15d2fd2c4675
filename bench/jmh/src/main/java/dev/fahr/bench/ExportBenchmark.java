package dev.fahr.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.fahr.notebook.ExportResult;
import dev.fahr.notebook.JavaNotebookExporter;
import dev.fahr.notebook.NotebookReader;

/**
 * Reads and exports the benchmark notebook in process: {@link NotebookReader#read} then
 * {@link JavaNotebookExporter#export}, the work {@code fahr init} does before writing the job folder.
 * The notebook comes from the system property {@code fahr.bench.notebook} (bench/export.sh passes it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExportBenchmark {

    private Path notebook;
    private NotebookReader reader;
    private JavaNotebookExporter exporter;

    @Setup
    public void setUp() {
        String file = System.getProperty("fahr.bench.notebook");
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            throw new IllegalStateException("set -Dfahr.bench.notebook=FILE (bench/make_notebook.py writes one)");
        }
        notebook = Path.of(file).toAbsolutePath();
        reader = new NotebookReader();
        exporter = new JavaNotebookExporter(reader);
    }

    /** Read + export of the whole notebook; returns the script so that nothing is optimised away. */
    @Benchmark
    public String readAndExport() {
        ExportResult result = exporter.export(reader.read(notebook), notebook);
        return result.script();
    }

    /** Reading (nbformat JSON parsing) alone, to split the figure. */
    @Benchmark
    public Object readOnly() {
        return reader.read(notebook);
    }
}
