import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.fahr.command.CommandOutput;
import dev.fahr.command.FahrCommand;
import dev.fahr.command.FahrContext;
import dev.fahr.command.Table;
import dev.fahr.workflow.DriverRegistry;

/**
 * Runs fahr commands in one JVM, as a kernel does, so that a re-fit is timed without JVM start.
 * Started by bench/refit_measure.py with the single-file source launcher:
 *
 *   java -cp fahr-kernel.jar bench/RefitHarness.java
 *
 * Protocol: each line read from stdin is a command line (words separated by tabs), run through
 * FahrCommand.execute with a fresh FahrContext and the driver registry shared between runs (as
 * FahrMagics shares it in a kernel). For each command it prints "T0 <epoch ns>" just before execute,
 * the command's output lines prefixed with "OUT ", then "DONE <exit code> <epoch ns>".
 */
public final class RefitHarness {

    public static void main(String[] args) throws Exception {
        DriverRegistry drivers = DriverRegistry.discover();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        out.println("READY");
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank()) {
                continue;
            }
            List<String> words = new ArrayList<>(Arrays.asList(line.split("\t")));
            Output output = new Output(out);
            FahrContext context = FahrContext.builder(Path.of("").toAbsolutePath(), output, drivers)
                    .environment(System.getenv()).pollInterval(Duration.ofSeconds(10)).build();
            PrintWriter err = new PrintWriter(System.err, true);
            out.println("T0 " + nowNanos());
            int code = FahrCommand.execute(context, words, () -> err);
            out.println("DONE " + code + " " + nowNanos());
        }
    }

    private static long nowNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Plain lines, prefixed so the driver can tell them from the protocol. */
    private record Output(PrintWriter out) implements CommandOutput {
        @Override
        public void line(String text) {
            text.lines().forEach(l -> out.println("OUT " + l));
        }

        @Override
        public void warn(String text) {
            line("warning: " + text);
        }

        @Override
        public void table(Table table) {
            line(String.valueOf(table));
        }

        @Override
        public void document(String text, String html) {
        }

        @Override
        public LiveView live() {
            return new LiveView() {
                @Override
                public void text(String text) {
                }

                @Override
                public void table(Table table) {
                }

                @Override
                public void image(Image image) {
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public boolean jsonMode() {
            return false;
        }

        @Override
        public void json(String document) {
            line(document);
        }
    }
}
