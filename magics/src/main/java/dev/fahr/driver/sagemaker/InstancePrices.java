package dev.fahr.driver.sagemaker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.fahr.files.AtomicFile;
import dev.fahr.job.Price;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.pricing.model.Filter;
import software.amazon.awssdk.services.pricing.model.FilterType;
import software.amazon.awssdk.services.pricing.model.GetProductsResponse;

/**
 * SageMaker training instances' on-demand prices: from AWS's Price List API ({@code pricing:GetProducts},
 * service AmazonSageMaker, {@code platoinstancetype} Training), kept in the user's cache folder with the
 * date they were fetched (asked again after {@value #FRESH_DAYS} days), else a snapshot shipped with fahr.
 * When the API cannot be asked (no network, no {@code pricing:GetProducts} permission), the cache or the
 * snapshot answers and {@link #notes()} says so in one line. A type with no known price has none: that
 * never stops a launch.
 */
final class InstancePrices {

    static final int FRESH_DAYS = 30;
    /** Where tests keep the cache (hidden, as the endpoint properties are). */
    static final String CACHE_PROPERTY = "fahr.prices.cache";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<PricingClient> pricing;
    private final Path cacheFile;
    private final Clock clock;
    private final Map<String, Optional<Price>> asked = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    InstancePrices(Supplier<PricingClient> pricing, Path cacheFile, Clock clock) {
        this.pricing = pricing;
        this.cacheFile = cacheFile;
        this.clock = clock;
    }

    /** The cache file for this user: {@code $XDG_CACHE_HOME} (else {@code ~/.cache}) {@code /fahr/prices/...}. */
    static Path defaultCacheFile(Map<String, String> environment) {
        String override = System.getProperty(CACHE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".cache");
        return cache.resolve("fahr").resolve("prices").resolve("sagemaker-training.json");
    }

    /** What fahr had to fall back on, one line each ("the Price List API could not be asked ..."). */
    java.util.Collection<String> notes() {
        return notes.values();
    }

    synchronized Optional<Price> of(String region, String instanceType) {
        return asked.computeIfAbsent(region + "/" + instanceType, key -> lookup(region, instanceType));
    }

    private Optional<Price> lookup(String region, String instanceType) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Optional<Price> cached = cached(region, instanceType);
        if (cached.isPresent() && !cached.get().asOf().plusDays(FRESH_DAYS).isBefore(today)) {
            return cached;
        }
        try {
            Optional<Double> fromApi = ask(region, instanceType);
            if (fromApi.isPresent()) {
                keep(region, instanceType, fromApi.get(), today);
                return Optional.of(new Price(fromApi.get(), Price.PRICE_LIST, today));
            }
            return cached.or(() -> PriceSnapshot.load().of(region, instanceType));
        } catch (SdkException | IOException e) {
            Optional<Price> fallback = cached.or(() -> PriceSnapshot.load().of(region, instanceType));
            notes.putIfAbsent("api", "the Price List API could not be asked (" + whyNot(e) + "): "
                    + fallback.map(p -> "using the " + p.source() + " of " + p.asOf())
                    .orElse("no price is known for " + instanceType + " in " + region));
            return fallback;
        }
    }

    /** A refusal names the permission; a network failure says so, without the SDK's paragraph. */
    private static String whyNot(Exception e) {
        if (e instanceof AwsServiceException refused) {
            String code = AwsFailures.errorCode(refused);
            return code.contains("AccessDenied") ? code + ": it needs the pricing:GetProducts permission"
                    : AwsFailures.what(refused);
        }
        if (e instanceof SdkClientException) {
            return "unreachable: " + (e.getCause() != null ? e.getCause().getClass().getSimpleName() + " "
                    + AwsFailures.oneLine(String.valueOf(e.getCause().getMessage())) : AwsFailures.oneLine(e.getMessage()));
        }
        return AwsFailures.oneLine(e.getMessage());
    }

    /** The on-demand price per hour of one training instance, as the Price List API lists it. */
    private Optional<Double> ask(String region, String instanceType) throws IOException {
        GetProductsResponse response = pricing.get().getProducts(r -> r.serviceCode("AmazonSageMaker")
                .formatVersion("aws_v1").maxResults(100)
                .filters(filter("regionCode", region), filter("instanceName", instanceType),
                        filter("platoinstancetype", "Training")));
        Optional<Double> lowest = Optional.empty();
        for (String entry : response.priceList()) {
            JsonNode product = JSON.readTree(entry);
            if (!"Training".equals(product.at("/product/attributes/platoinstancetype").asText())) {
                continue;
            }
            for (JsonNode term : product.path("terms").path("OnDemand")) {
                for (JsonNode dimension : term.path("priceDimensions")) {
                    double usd = dimension.at("/pricePerUnit/USD").asDouble(0);
                    // A $0 row is a free-tier line, not the instance's price.
                    if ("Hrs".equals(dimension.path("unit").asText()) && usd > 0) {
                        lowest = Optional.of(lowest.map(l -> Math.min(l, usd)).orElse(usd));
                    }
                }
            }
        }
        return lowest;
    }

    private static Filter filter(String field, String value) {
        return Filter.builder().type(FilterType.TERM_MATCH).field(field).value(value).build();
    }

    private Optional<Price> cached(String region, String instanceType) {
        JsonNode entry = readCache().path(region + "/" + instanceType);
        if (!entry.has("usd") || !entry.has("fetched")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Price(entry.path("usd").asDouble(), Price.CACHE,
                    LocalDate.parse(entry.path("fetched").asText())));
        } catch (RuntimeException damaged) {
            return Optional.empty();
        }
    }

    private void keep(String region, String instanceType, double usd, LocalDate fetched) {
        ObjectNode cache = readCache();
        cache.putObject(region + "/" + instanceType).put("usd", usd).put("fetched", fetched.toString());
        try {
            AtomicFile.write(cacheFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(cache));
        } catch (IOException e) {
            // A cache that cannot be written costs one more question next time, nothing else.
        }
    }

    private ObjectNode readCache() {
        if (Files.isRegularFile(cacheFile)) {
            try (InputStream in = Files.newInputStream(cacheFile)) {
                JsonNode node = JSON.readTree(in);
                if (node instanceof ObjectNode object) {
                    return object;
                }
            } catch (IOException damaged) {
                // A damaged cache is started afresh.
            }
        }
        return JSON.createObjectNode();
    }

    static Duration freshFor() {
        return Duration.ofDays(FRESH_DAYS);
    }
}
