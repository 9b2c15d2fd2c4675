package dev.fahr.driver.sagemaker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fahr.job.Price;

/**
 * The price table shipped in fahr's jar ({@code training-prices.json}): SageMaker training's on-demand
 * prices for common instance types in a few regions, with the date they were taken, for when neither the
 * Price List API nor the cache has a price. Every price from it says it is the snapshot, and of when.
 */
final class PriceSnapshot {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile PriceSnapshot loaded;

    private final JsonNode prices;
    private final LocalDate asOf;

    private PriceSnapshot(JsonNode table) {
        this.prices = table.path("prices");
        this.asOf = LocalDate.parse(table.path("as_of").asText());
    }

    static PriceSnapshot load() {
        PriceSnapshot snapshot = loaded;
        if (snapshot == null) {
            try (InputStream in = PriceSnapshot.class.getResourceAsStream("training-prices.json")) {
                if (in == null) {
                    throw new IllegalStateException("fahr's jar lacks training-prices.json");
                }
                snapshot = new PriceSnapshot(JSON.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read fahr's price snapshot: " + e.getMessage(), e);
            }
            loaded = snapshot;
        }
        return snapshot;
    }

    Optional<Price> of(String region, String instanceType) {
        JsonNode price = prices.path(region).path(instanceType);
        return price.isNumber() ? Optional.of(new Price(price.asDouble(), Price.SNAPSHOT, asOf)) : Optional.empty();
    }

    LocalDate asOf() {
        return asOf;
    }
}
