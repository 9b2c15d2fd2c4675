package dev.fahr.testing.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An AWS service model (botocore's {@code service-2.json}), the authoritative shapes of each request.
 * Debian's python3-botocore ships them; tests fail with a hint when it is missing, never skip.
 */
public final class ServiceModel {

    static final Path BOTOCORE_DATA = Path.of("/usr/lib/python3/dist-packages/botocore/data");

    private final String targetPrefix;
    private final JsonNode operations;
    private final JsonNode shapes;

    private ServiceModel(JsonNode model) {
        this.targetPrefix = model.path("metadata").path("targetPrefix").asText();
        this.operations = model.path("operations");
        this.shapes = model.path("shapes");
    }

    /** {@code service} and {@code version} as in botocore's data folder, e.g. {@code sagemaker}, {@code 2017-07-24}. */
    public static ServiceModel load(String service, String version) {
        Path file = BOTOCORE_DATA.resolve(service).resolve(version).resolve("service-2.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("AWS service model " + file + " is missing: apt-get install python3-botocore "
                    + "(scripts/with-services.sh installs it)");
        }
        try {
            return new ServiceModel(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The JSON 1.1 target prefix: {@code SageMaker}, {@code AmazonEC2ContainerRegistry_V20150921}, ... */
    public String targetPrefix() {
        return targetPrefix;
    }

    public boolean hasOperation(String operation) {
        return operations.has(operation);
    }

    /** The input shape's name, or null for an operation without input. */
    public String inputShape(String operation) {
        JsonNode input = operations.path(operation).path("input").path("shape");
        return input.isMissingNode() ? null : input.asText();
    }

    public JsonNode shape(String name) {
        JsonNode shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("no shape " + name + " in the " + targetPrefix + " model");
        }
        return shape;
    }
}
