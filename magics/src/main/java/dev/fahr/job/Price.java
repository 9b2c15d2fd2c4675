package dev.fahr.job;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An instance's on-demand price, and where fahr found it.
 *
 * @param usdPerHour for one instance
 * @param source     {@code price list} (AWS's Price List API, just now), {@code cache} (an earlier answer of it),
 *                   or {@code snapshot} (the table shipped with fahr, for when neither answers)
 * @param asOf       when the price was fetched, or the snapshot's date
 */
public record Price(double usdPerHour, String source, LocalDate asOf) {

    public static final String PRICE_LIST = "price list";
    public static final String CACHE = "cache";
    public static final String SNAPSHOT = "snapshot";

    public Price {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(asOf, "asOf");
        if (!(usdPerHour >= 0) || Double.isInfinite(usdPerHour)) {
            throw new IllegalArgumentException("a price is a finite amount of 0 or more, not " + usdPerHour);
        }
    }

    /** "price list, 2026-12-03", for the line that shows where a price came from. */
    public String provenance() {
        return source + " of " + asOf;
    }
}
