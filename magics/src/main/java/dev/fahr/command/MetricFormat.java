package dev.fahr.command;

import java.math.BigDecimal;
import java.math.MathContext;

/** A metric's value as tables show it: four significant digits, NaN and infinities by name. */
final class MetricFormat {

    private MetricFormat() {
    }

    static String of(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        double magnitude = Math.abs(value);
        if (value != 0 && (magnitude < 1e-4 || magnitude >= 1e7)) {
            return String.format(java.util.Locale.ROOT, "%.3e", value);
        }
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
