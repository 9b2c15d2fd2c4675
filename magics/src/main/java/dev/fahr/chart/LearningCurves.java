package dev.fahr.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import dev.fahr.runtime.MetricPoint;

/**
 * One metric against step for several runs in one chart, each run its own line and legend entry. Drawn
 * with JFreeChart into a PNG, and the same drawing as SVG for front ends that take it. Needs no display,
 * only a font (see {@link ChartFonts}).
 */
public final class LearningCurves {

    /**
     * One run's line: its label (the hyperparameters that set it apart) and its values. A reference line (the
     * notebook's own run) is dashed and drawn over the others, so that a job that repeats it exactly does not
     * hide it.
     */
    public record Curve(String label, List<MetricPoint> points, boolean reference) {
        public Curve {
            points = List.copyOf(points);
        }

        public Curve(String label, List<MetricPoint> points) {
            this(label, points, false);
        }
    }

    /** The chart, drawn: PNG bytes, the SVG text, and its size in pixels. */
    public record Chart(byte[] png, String svg, int width, int height) {
    }

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf)};

    private LearningCurves() {
    }

    /** Non-finite values are left out of the lines (a NaN or infinity has no place on an axis). */
    public static Chart draw(String metric, List<Curve> curves, int width, int height) {
        ChartFonts.require();
        XYSeriesCollection data = new XYSeriesCollection();
        for (Curve curve : curves) {
            XYSeries series = new XYSeries(curve.label(), true, true);
            for (MetricPoint point : curve.points()) {
                if (Double.isFinite(point.value())) {
                    series.addOrUpdate(point.step(), point.value());
                }
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(metric + " by step", "step", metric, data,
                PlotOrientation.VERTICAL, true, false, false);
        style(chart, curves);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D png = image.createGraphics();
        chart.draw(png, new Rectangle(width, height));
        png.dispose();
        SVGGraphics2D svg = new SVGGraphics2D(width, height);
        chart.draw(svg, new Rectangle(width, height));
        return new Chart(encode(image), svg.getSVGElement(), width, height);
    }

    private static void style(JFreeChart chart, List<Curve> curves) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setNoDataMessage("no values yet: the jobs have not reported this metric");
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, curves.size() <= 4);
        for (int i = 0; i < curves.size(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, curves.get(i).reference()
                    ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2f));
            if (curves.get(i).reference()) {
                renderer.setSeriesShapesVisible(i, false);
            }
        }
        plot.setRenderer(renderer);
        // Drawn in list order: the notebook's reference line, added last, lies over the runs.
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        // Accuracies near 0.9 would be one flat line on an axis from 0; steps are whole numbers.
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }

    private static byte[] encode(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart as PNG", e);
        }
    }
}
