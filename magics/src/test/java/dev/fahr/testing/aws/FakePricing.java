package dev.fahr.testing.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The AWS Price List Query API's GetProducts (JSON 1.1, target {@code AWSPriceListService}), validated
 * against botocore's model by the protocol server, answering from a fixture of AmazonSageMaker products in
 * the API's real shape: each {@code PriceList} entry is a JSON document of its own, as a string. Filters
 * match attributes exactly ({@code TERM_MATCH}), as the API does. {@link #deny()} answers as a caller
 * without the {@code pricing:GetProducts} permission is answered.
 */
public final class FakePricing implements JsonService {

    private static final ServiceModel MODEL = ServiceModel.load("pricing", "2017-10-15");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> products = new ArrayList<>();
    private volatile boolean denied;

    public FakePricing() {
        try (InputStream in = FakePricing.class.getResourceAsStream("sagemaker-price-list.json")) {
            JSON.readTree(in).path("products").forEach(products::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on, every call is refused as AWS refuses a caller without {@code pricing:GetProducts}. */
    public FakePricing deny() {
        denied = true;
        return this;
    }

    @Override
    public ServiceModel model() {
        return MODEL;
    }

    @Override
    public JsonNode handle(String operation, JsonNode request) {
        if (!operation.equals("GetProducts")) {
            throw new AwsServiceError("UnknownOperationException", operation + " is not faked", 400);
        }
        if (denied) {
            throw new AwsServiceError("AccessDeniedException", "User: arn:aws:iam::123456789012:user/fahr is not"
                    + " authorized to perform: pricing:GetProducts because no identity-based policy allows the"
                    + " pricing:GetProducts action", 400);
        }
        String format = request.path("FormatVersion").asText("aws_v1");
        if (!format.equals("aws_v1")) {
            throw new AwsServiceError("InvalidParameterException", "Input validation errors: FormatVersion " + format
                    + " is not valid. Valid values are: aws_v1", 400);
        }
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("FormatVersion", "aws_v1");
        ArrayNode list = response.putArray("PriceList");
        String service = request.path("ServiceCode").asText();
        for (JsonNode product : products) {
            if (product.path("serviceCode").asText().equals(service) && matches(product, request.path("Filters"))) {
                list.add(product.toString()); // a JSON document as a string, as the API sends it
            }
        }
        return response;
    }

    private static boolean matches(JsonNode product, JsonNode filters) {
        JsonNode attributes = product.path("product").path("attributes");
        for (JsonNode filter : filters) {
            String field = filter.path("Field").asText();
            String value = filter.path("Value").asText();
            String actual = field.equalsIgnoreCase("ServiceCode") ? product.path("serviceCode").asText()
                    : attribute(attributes, field);
            if (!value.equals(actual)) {
                return false;
            }
        }
        return true;
    }

    /** Attribute names match without regard to case, as the API matches them. */
    private static String attribute(JsonNode attributes, String field) {
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equalsIgnoreCase(field)) {
                return entry.getValue().asText();
            }
        }
        return null;
    }
}
