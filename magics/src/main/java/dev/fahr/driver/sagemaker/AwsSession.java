package dev.fahr.driver.sagemaker;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import dev.fahr.driver.DriverException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * One region and one set of credentials, and the service clients made from them on first use.
 * Credentials and region come from the SDK's default providers (environment, profiles, SSO, instance
 * roles); the {@code profile} and {@code region} settings only choose among them.
 */
final class AwsSession implements AutoCloseable {

    static final String NO_CREDENTIALS = "no AWS credentials found: run `aws configure` or set AWS_PROFILE / "
            + "AWS_ACCESS_KEY_ID";

    private final Region region;
    private final SageMakerEndpoints endpoints;
    private final Lazy<SageMakerClient> sageMaker;
    private final Lazy<EcrClient> ecr;
    private final Lazy<CloudWatchLogsClient> logs;
    private final Lazy<S3Client> s3;
    private final Lazy<StsClient> sts;
    private final Lazy<CloudWatchClient> cloudWatch;
    private final Lazy<PricingClient> pricing;

    private AwsSession(Region region, AwsCredentialsProvider credentials, SageMakerEndpoints endpoints) {
        this.region = region;
        this.endpoints = endpoints;
        this.sageMaker = new Lazy<>(() -> bounded(SageMakerClient.builder(), endpoints.sagemaker())
                .region(region).credentialsProvider(credentials).build());
        this.ecr = new Lazy<>(() -> bounded(EcrClient.builder(), endpoints.ecr())
                .region(region).credentialsProvider(credentials).build());
        this.logs = new Lazy<>(() -> bounded(CloudWatchLogsClient.builder(), endpoints.logs())
                .region(region).credentialsProvider(credentials).build());
        this.s3 = new Lazy<>(() -> s3Client(region, credentials, endpoints));
        this.sts = new Lazy<>(() -> bounded(StsClient.builder(), endpoints.sts())
                .region(region).credentialsProvider(credentials).build());
        this.cloudWatch = new Lazy<>(() -> bounded(CloudWatchClient.builder(), endpoints.cloudwatch())
                .region(region).credentialsProvider(credentials).build());
        // The Price List API answers in us-east-1 for every region's prices.
        this.pricing = new Lazy<>(() -> bounded(PricingClient.builder(), endpoints.pricing())
                .region(Region.US_EAST_1).credentialsProvider(credentials).build());
    }

    /**
     * How long one attempt of a control-plane call (SageMaker, ECR, Logs, CloudWatch, STS, Price List) may
     * take before it is abandoned and retried: a stalled connection ends in a clear failure, never a hang.
     * The hidden {@code fahr.aws.attempt-timeout-ms} property shortens it for the fault tests.
     */
    static Duration attemptTimeout() {
        return Duration.ofMillis(Long.getLong("fahr.aws.attempt-timeout-ms", 20_000));
    }

    /** A whole call, retries included: three attempts' worth. */
    static Duration callTimeout() {
        return attemptTimeout().multipliedBy(3);
    }

    /**
     * The endpoint (for tests) and the time bounds. S3 keeps the SDK's defaults: an upload of a large input
     * may rightly take long; a stalled S3 connection ends by the HTTP client's 30 s socket timeout.
     */
    private static <B extends AwsClientBuilder<B, ?>> B bounded(B builder, Optional<URI> endpoint) {
        return SageMakerEndpoints.apply(builder, endpoint).overrideConfiguration(ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(attemptTimeout()).apiCallTimeout(callTimeout()).build());
    }

    /**
     * An S3-compatible store at an overridden endpoint (S3Proxy, MinIO) has no per-bucket host names and
     * often lacks the newer flexible checksums (aws-chunked trailers, x-amz-checksum-mode); AWS's own S3
     * keeps the SDK's defaults.
     */
    private static S3Client s3Client(Region region, AwsCredentialsProvider credentials, SageMakerEndpoints endpoints) {
        S3ClientBuilder builder = S3Client.builder().region(region).credentialsProvider(credentials);
        endpoints.s3().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    /**
     * Resolves region and credentials at once, so that a missing one is reported as one line before
     * anything else happens, not as a stack trace from deep inside the first call.
     */
    static AwsSession open(Optional<String> regionSetting, Optional<String> profile, SageMakerEndpoints endpoints) {
        DefaultCredentialsProvider.Builder credentials = DefaultCredentialsProvider.builder();
        profile.ifPresent(credentials::profileName);
        AwsCredentialsProvider provider = credentials.build();
        Region region = regionSetting.map(Region::of).orElseGet(() -> defaultRegion(profile));
        try {
            provider.resolveCredentials();
        } catch (SdkClientException e) {
            throw new DriverException(profile.map(p -> "AWS profile '" + p + "' has no usable credentials: check "
                    + "~/.aws/credentials or run `aws sso login --profile " + p + "`").orElse(NO_CREDENTIALS), e);
        }
        return new AwsSession(region, provider, endpoints);
    }

    private static Region defaultRegion(Optional<String> profile) {
        DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
        profile.ifPresent(chain::profileName);
        try {
            return chain.build().getRegion();
        } catch (SdkClientException e) {
            throw new DriverException("no AWS region set: pass --config.region=us-east-1 (or your region) or set "
                    + "AWS_REGION", e);
        }
    }

    Region region() {
        return region;
    }

    SageMakerEndpoints endpoints() {
        return endpoints;
    }

    CloudWatchClient cloudWatch() {
        return cloudWatch.get();
    }

    PricingClient pricing() {
        return pricing.get();
    }

    SageMakerClient sageMaker() {
        return sageMaker.get();
    }

    EcrClient ecr() {
        return ecr.get();
    }

    CloudWatchLogsClient logs() {
        return logs.get();
    }

    S3Client s3() {
        return s3.get();
    }

    StsClient sts() {
        return sts.get();
    }

    @Override
    public void close() {
        sageMaker.close();
        ecr.close();
        logs.close();
        s3.close();
        sts.close();
        cloudWatch.close();
        pricing.close();
    }

    /** A client built on first use: most commands need one or two of the five services. */
    private static final class Lazy<T extends AutoCloseable> {
        private final Supplier<T> factory;
        private T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        synchronized T get() {
            if (value == null) {
                value = factory.get();
            }
            return value;
        }

        synchronized void close() {
            if (value != null) {
                try {
                    value.close();
                } catch (Exception ignored) {
                    // Closing releases connection pools; nothing to report if that fails.
                }
            }
        }
    }
}
