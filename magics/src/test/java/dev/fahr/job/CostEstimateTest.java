package dev.fahr.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CostEstimateTest {

    private static final Price M5 = new Price(0.23, Price.PRICE_LIST, LocalDate.of(2026, 12, 3));

    private static CostEstimate estimate(int jobs, boolean spot, Duration runtime, Optional<Double> cap) {
        return new CostEstimate("ml.m5.xlarge", 1, spot, runtime, jobs, Optional.of(M5), cap, List.of(), List.of());
    }

    @Test
    void oneJobAndAGridAreThePriceTimesTheRuntimeTimesTheJobs() {
        assertEquals("1 job × 1 ml.m5.xlarge ($0.23/h) × at most 1 h = at most $0.23 (price list of 2026-12-03)",
                estimate(1, false, Duration.ofHours(1), Optional.empty()).describe());
        CostEstimate grid = estimate(3, false, Duration.ofHours(1), Optional.empty());
        assertEquals("3 jobs × 1 ml.m5.xlarge ($0.23/h) × at most 1 h = at most $0.69 (price list of 2026-12-03)",
                grid.describe());
        assertEquals(0.69, grid.upperBound().orElseThrow(), 1e-9);
        CostEstimate twoInstances = new CostEstimate("ml.m5.xlarge", 2, false, Duration.ofMinutes(90), 2,
                Optional.of(M5), Optional.empty(), List.of(), List.of());
        assertEquals(0.46 * 1.5 * 2, twoInstances.upperBound().orElseThrow(), 1e-9);
        assertTrue(twoInstances.describe().contains("× at most 1 h 30 min ="), twoInstances.describe());
    }

    @Test
    void spotIsAtMostTheOnDemandPriceAndAnUnknownPriceIsSaidNotGuessed() {
        assertTrue(estimate(1, true, Duration.ofHours(1), Optional.empty()).describe()
                .contains("(spot, at most $0.23/h)"));
        CostEstimate unknown = new CostEstimate("ml.m5.xlarg", 1, false, Duration.ofHours(24), 1, Optional.empty(),
                Optional.of(1.0), List.of("ml.m5.xlarge", "ml.m5.2xlarge"), List.of());
        assertEquals("1 job × 1 ml.m5.xlarg × at most 24 h: price unknown (not an instance type fahr knows; did you"
                + " mean ml.m5.xlarge, ml.m5.2xlarge?)", unknown.describe());
        assertFalse(unknown.exceedsCap(), "an unknown price never refuses a launch");
    }

    @Test
    void theCapIsExceededOnlyByAKnownUpperBoundAboveIt() {
        assertTrue(estimate(3, false, Duration.ofHours(24), Optional.of(10.0)).exceedsCap());
        assertFalse(estimate(1, false, Duration.ofHours(24), Optional.of(10.0)).exceedsCap());
    }
}
