package dev.fahr.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.fahr.chart.LearningCurves;
import dev.fahr.runtime.MetricPoint;
import dev.fahr.workflow.PlotWorkflow;
import dev.fahr.workflow.UsageError;
import dev.fahr.files.AtomicFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plot METRIC [JOB|GRID ...]}: learning curves, one line per run, labelled by the hyperparameters
 * that differ; in a notebook one image updated in place while the jobs run (beside this notebook's own
 * curve), from the shell a PNG or SVG file.
 */
@Command(name = "plot", description = "Draw a metric against step for several runs in one chart; in a notebook it "
        + "updates in place while they run, from the shell --output writes a PNG or SVG file.")
public final class PlotCommand implements Callable<Integer> {

    private final FahrContext context;

    @Parameters(index = "0", paramLabel = "METRIC", description = "The metric, as the jobs report it (Fahr.metric).")
    String metric;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "JOB",
            description = "Job names, prefixes, grid ids or latest (default: the latest jobs).")
    List<String> jobs = new ArrayList<>();

    @Option(names = "--output", paramLabel = "FILE", description = "Write the chart to FILE: .png or .svg.")
    Path output;

    @Option(names = "--width", paramLabel = "PIXELS", defaultValue = "720", description = "Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--height", paramLabel = "PIXELS", defaultValue = "420", description = "Default: ${DEFAULT-VALUE}.")
    int height;

    @Option(names = "--no-watch", description = "Draw the chart once, even while jobs run.")
    boolean noWatch;

    public PlotCommand(FahrContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (width < 200 || height < 150 || width > 4000 || height > 4000) {
            throw new UsageError("--width and --height take 200 to 4000 and 150 to 4000 pixels, not " + width + "x"
                    + height);
        }
        if (output != null && !output.toString().endsWith(".png") && !output.toString().endsWith(".svg")) {
            throw new UsageError("--output writes a .png or .svg file, not " + output);
        }
        if (output == null && context.kernel().isEmpty()) {
            throw new UsageError("from the shell, name the file to write: --output=" + metric.replace('/', '_') + ".png");
        }
        PlotWorkflow workflow = Workflows.plot(context);
        PlotWorkflow.Plot plot = workflow.plot(metric, jobs, notebookSeries());
        LearningCurves.Chart chart = draw(plot);
        if (output != null) {
            write(chart);
            context.output().line("wrote " + plot.curves().size() + " curves of " + metric + " to " + context.resolve(output.toString()));
        }
        if (context.kernel().isPresent()) {
            CommandOutput.LiveView view = context.output().live();
            view.image(image(plot, chart));
            if (plot.ended() || noWatch) {
                view.close();
            } else {
                LiveLoop.start(context, view, "plot", live -> {
                    Workflows.status(context).refresh(jobs);
                    PlotWorkflow.Plot now = workflow.plot(metric, jobs, notebookSeries());
                    live.image(image(now, draw(now)));
                    return now.ended();
                });
            }
        }
        return 0;
    }

    private List<MetricPoint> notebookSeries() {
        return context.kernel().map(kernel -> kernel.metrics().get().getOrDefault(metric, List.of())).orElse(List.of());
    }

    private LearningCurves.Chart draw(PlotWorkflow.Plot plot) {
        return LearningCurves.draw(plot.metric(), plot.curves(), width, height);
    }

    private static CommandOutput.Image image(PlotWorkflow.Plot plot, LearningCurves.Chart chart) {
        long running = plot.jobs().stream().filter(job -> !job.state().isTerminal()).count();
        String description = plot.metric() + " by step, " + plot.curves().size() + " curve"
                + (plot.curves().size() == 1 ? "" : "s") + (running == 0 ? "" : ", " + running + " still running");
        return new CommandOutput.Image(description, chart.png(), chart.svg());
    }

    private void write(LearningCurves.Chart chart) {
        Path file = context.resolve(output.toString());
        try {
            if (file.toString().endsWith(".svg")) {
                AtomicFile.writeString(file, chart.svg());
            } else {
                AtomicFile.write(file, chart.png());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart to " + file + ": " + e.getMessage(), e);
        }
    }
}
