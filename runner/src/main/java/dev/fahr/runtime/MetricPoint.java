package dev.fahr.runtime;

/**
 * One value of a metric: {@code loss} was 0.24 at step 3. Non-finite values (NaN, infinities) are values
 * like any other: they are recorded and shown as such.
 */
public record MetricPoint(String name, long step, double value) {

    public MetricPoint {
        MetricLine.checkName(name);
    }
}
