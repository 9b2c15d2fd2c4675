package dev.fahr.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The documented metric line: written by Fahr.metric, read by drivers, matched by SageMaker's regexes. */
class MetricLineTest {

    @Test
    void aLineIsWrittenAndReadBack() {
        String line = MetricLine.format("val/loss", 0.25, 3);
        assertEquals("fahr-metric name=val/loss value=0.25 step=3", line);
        MetricLine.Parsed parsed = MetricLine.parse(line).orElseThrow();
        assertEquals(new MetricLine.Parsed("val/loss", 0.25, Optional.of(3L), false), parsed);
    }

    @Test
    void pythonsPrintingIsReadToo() {
        // print(f"fahr-metric name=loss value={loss}") from Python, without a step; and its inf and nan.
        assertEquals(new MetricLine.Parsed("loss", 1e-4, Optional.empty(), false),
                MetricLine.parse("fahr-metric name=loss value=0.0001\n").orElseThrow());
        assertTrue(Double.isNaN(MetricLine.parse("fahr-metric name=loss value=nan").orElseThrow().value()));
        assertEquals(Double.NEGATIVE_INFINITY, MetricLine.parse("fahr-metric name=loss value=-inf step=2")
                .orElseThrow().value());
        assertEquals(Double.POSITIVE_INFINITY, MetricLine.parse(MetricLine.format("x", Double.POSITIVE_INFINITY, 0))
                .orElseThrow().value());
    }

    @Test
    void otherLinesAreNoMetricsAndBrokenOnesAreMarkedMalformed() {
        assertEquals(Optional.empty(), MetricLine.parse("epoch 3: loss 0.25"));
        for (String broken : List.of("fahr-metric loss=0.3", "fahr-metric name=loss value=high",
                "fahr-metric name=lo ss value=1", "fahr-metric name=loss value=1 step=-2", "fahr-metric")) {
            assertTrue(MetricLine.parse(broken).orElseThrow().malformed(), broken);
        }
    }

    @Test
    void theRegexForSageMakerCapturesTheValueOfItsNameOnly() {
        Pattern loss = Pattern.compile(MetricLine.regexFor("val.loss"));
        Matcher m = loss.matcher("[12:00] fahr-metric name=val.loss value=0.125 step=4");
        assertTrue(m.find());
        assertEquals("0.125", m.group(1));
        assertTrue(!loss.matcher("fahr-metric name=valxloss value=1 step=1").find(), "the dot is literal");
        assertTrue(!loss.matcher("fahr-metric name=val.loss2 value=1 step=1").find(), "the name ends at the space");
    }

    @Test
    void aNameOutsideTheAllowedCharactersIsRefusedWithThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricLine.format("my loss", 1, 0));
        assertTrue(e.getMessage().contains("letters, digits and _ . : / -"), e.getMessage());
    }

    @Test
    void aLogCountsStepsPerNameAndMalformedLines() {
        MetricLog log = new MetricLog();
        log.accept("fahr-metric name=loss value=0.9");
        log.accept("fahr-metric name=acc value=0.5 step=10");
        log.accept("noise");
        log.accept("fahr-metric name=loss value=0.7");
        log.accept("fahr-metric name=loss value=oops");
        log.accept("fahr-metric name=acc value=0.6");
        assertEquals(List.of(new MetricPoint("loss", 0, 0.9), new MetricPoint("loss", 1, 0.7)), log.series().get("loss"));
        assertEquals(List.of(new MetricPoint("acc", 10, 0.5), new MetricPoint("acc", 11, 0.6)), log.series().get("acc"));
        assertEquals(1, log.malformed());
    }
}
