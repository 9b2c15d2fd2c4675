package dev.fahr.testing.aws;

import com.fasterxml.jackson.databind.JsonNode;

/** One AWS service behind the protocol server: its model, and what it does for each operation. */
public interface JsonService {

    ServiceModel model();

    /**
     * Carries out a request that already passed model validation.
     *
     * @throws AwsServiceError for the answers AWS gives as errors (not found, in use, ...)
     */
    JsonNode handle(String operation, JsonNode request);
}
