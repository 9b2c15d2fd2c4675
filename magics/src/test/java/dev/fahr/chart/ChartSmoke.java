package dev.fahr.chart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.fahr.runtime.MetricPoint;

/** Draws one chart into {@code args[0]}: what ChartHeadlessIT runs inside a minimal Debian with a JDK. */
public final class ChartSmoke {

    private ChartSmoke() {
    }

    public static void main(String[] args) throws Exception {
        List<LearningCurves.Curve> curves = new ArrayList<>();
        for (int run = 1; run <= 3; run++) {
            List<MetricPoint> points = new ArrayList<>();
            for (int step = 0; step < 10; step++) {
                points.add(new MetricPoint("loss", step, 1.0 / (step + run)));
            }
            curves.add(new LearningCurves.Curve("run " + run, points));
        }
        try {
            Files.write(Path.of(args[0]), LearningCurves.draw("loss", curves, 640, 400).png());
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        }
    }
}
