package dev.fahr.driver.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import dev.fahr.job.Price;
import dev.fahr.testing.aws.AwsProtocolServer;
import dev.fahr.testing.aws.AwsTestCredentials;
import dev.fahr.testing.aws.FakePricing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pricing.PricingClient;

/**
 * Prices from the Price List API (the protocol test server's GetProducts, validated against botocore's
 * model, answering in the API's shape), kept in the cache with their date, and the snapshot when the API is
 * denied or unreachable.
 */
class InstancePricesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @TempDir
    Path temp;

    private final FakePricing pricing = new FakePricing();
    private AwsProtocolServer server;
    private PricingClient client;

    @BeforeEach
    void start() throws Exception {
        server = new AwsProtocolServer().register(pricing);
        client = PricingClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        AwsTestCredentials.ACCESS_KEY, AwsTestCredentials.SECRET_KEY))).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private InstancePrices prices(Instant now) {
        return new InstancePrices(() -> client, temp.resolve("cache/prices.json"), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void theTrainingPriceComesFromThePriceListAndIsCachedWithItsDate() throws Exception {
        assertEquals(Optional.of(new Price(0.23, Price.PRICE_LIST, LocalDate.of(2026, 12, 3))),
                prices(NOW).of("us-east-1", "ml.m5.xlarge"), "Training's row, not Hosting's ($0.269)");
        assertEquals(Optional.of(new Price(0.256, Price.PRICE_LIST, LocalDate.of(2026, 12, 3))),
                prices(NOW).of("eu-west-1", "ml.m5.xlarge"), "the job's own region");
        assertEquals(2, server.calls("GetProducts"));
        assertTrue(Files.readString(temp.resolve("cache/prices.json")).contains("\"fetched\" : \"2026-12-03\""));

        server.resetCalls();
        InstancePrices later = prices(NOW.plusSeconds(86_400 * 10));
        assertEquals(Optional.of(new Price(0.23, Price.CACHE, LocalDate.of(2026, 12, 3))),
                later.of("us-east-1", "ml.m5.xlarge"));
        assertEquals(0, server.calls("GetProducts"), "a fresh cache answers without a call");

        InstancePrices stale = prices(NOW.plusSeconds(86_400L * (InstancePrices.FRESH_DAYS + 1)));
        assertEquals(Price.PRICE_LIST, stale.of("us-east-1", "ml.m5.xlarge").orElseThrow().source());
        assertEquals(1, server.calls("GetProducts"), "a stale cache is asked again");
    }

    @Test
    void deniedTheSnapshotAnswersWithItsDateAndOneLineSaysWhy() {
        pricing.deny();
        InstancePrices prices = prices(NOW);
        Price price = prices.of("us-east-1", "ml.p3.2xlarge").orElseThrow();
        assertEquals(Price.SNAPSHOT, price.source());
        assertEquals(PriceSnapshot.load().asOf(), price.asOf());
        assertEquals(3.825, price.usdPerHour());
        List<String> notes = List.copyOf(prices.notes());
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("the Price List API could not be asked (") && notes.get(0).contains(
                "(AccessDeniedException: it needs the pricing:GetProducts permission)") && notes.get(0).endsWith("using the snapshot of "
                + PriceSnapshot.load().asOf()), notes.get(0));
        assertEquals(Optional.empty(), prices.of("ap-south-2", "ml.m5.xlarge"), "no price known: none, no error");
    }

    @Test
    void offlineTheCacheAnswersAndOneShortLineSaysTheApiIsUnreachable() throws Exception {
        prices(NOW).of("us-east-1", "ml.m5.xlarge"); // cached today
        server.close(); // nothing listens there any more
        InstancePrices offline = prices(NOW.plusSeconds(86_400L * (InstancePrices.FRESH_DAYS + 1)));
        Price price = offline.of("us-east-1", "ml.m5.xlarge").orElseThrow();
        assertEquals(new Price(0.23, Price.CACHE, LocalDate.of(2026, 12, 3)), price, "a stale cache beats the snapshot");
        String note = List.copyOf(offline.notes()).get(0);
        assertTrue(note.startsWith("the Price List API could not be asked (unreachable: ")
                && note.endsWith("): using the cache of 2026-12-03"), note);
        assertTrue(note.length() < 200, "one line, not the SDK's paragraph: " + note);
    }

    @Test
    void anInstanceTypeTheListDoesNotHaveHasNoPriceAndTheClosestKnownNames() {
        assertEquals(Optional.empty(), prices(NOW).of("us-east-1", "ml.m5.xlarg"));
        assertEquals("ml.m5.xlarge", InstanceTypes.closestIfUnknown("ml.m5.xlarg").get(0));
        assertEquals(List.of(), InstanceTypes.closestIfUnknown("ml.m5.xlarge"));
    }
}
