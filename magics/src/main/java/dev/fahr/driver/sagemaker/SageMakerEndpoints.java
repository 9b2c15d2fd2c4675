package dev.fahr.driver.sagemaker;

import java.net.URI;
import java.util.Optional;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;

/**
 * Where each AWS service is reached. Real use leaves every endpoint empty, so the SDK resolves AWS's own
 * endpoints for the region; tests point them at local stand-ins. Deliberately not a user setting.
 */
record SageMakerEndpoints(Optional<URI> sagemaker, Optional<URI> ecr, Optional<URI> logs, Optional<URI> s3,
        Optional<URI> sts, Optional<URI> cloudwatch, Optional<URI> pricing) {

    private static final String PROPERTY_PREFIX = "fahr.aws.endpoint.";

    /**
     * Reads {@code fahr.aws.endpoint.sagemaker|ecr|logs|s3|sts|cloudwatch|pricing}; lets a test run the real
     * command line.
     */
    static SageMakerEndpoints fromSystemProperties() {
        return new SageMakerEndpoints(property("sagemaker"), property("ecr"), property("logs"), property("s3"),
                property("sts"), property("cloudwatch"), property("pricing"));
    }

    static SageMakerEndpoints allAt(URI services, URI s3) {
        return new SageMakerEndpoints(Optional.of(services), Optional.of(services), Optional.of(services),
                Optional.of(s3), Optional.of(services), Optional.of(services), Optional.of(services));
    }

    private static Optional<URI> property(String service) {
        return Optional.ofNullable(System.getProperty(PROPERTY_PREFIX + service)).filter(s -> !s.isBlank())
                .map(URI::create);
    }

    static <B extends AwsClientBuilder<B, ?>> B apply(B builder, Optional<URI> endpoint) {
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }
}
