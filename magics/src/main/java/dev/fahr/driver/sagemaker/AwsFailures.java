package dev.fahr.driver.sagemaker;

import java.util.Set;

import dev.fahr.driver.DriverException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns an AWS SDK failure into the driver's one-line message. Specific cases (a missing bucket, a role
 * that cannot be assumed) are recognised where they happen; this covers what any call may meet.
 */
final class AwsFailures {

    private static final Set<String> BAD_CREDENTIALS = Set.of("UnrecognizedClientException",
            "InvalidClientTokenId", "ExpiredToken", "ExpiredTokenException", "InvalidSignatureException",
            "SignatureDoesNotMatch", "InvalidAccessKeyId", "IncompleteSignature");
    private static final Set<String> THROTTLED = Set.of("ThrottlingException", "Throttling",
            "TooManyRequestsException", "RequestLimitExceeded", "SlowDown");

    private AwsFailures() {
    }

    /** {@code action} says what was being done, e.g. "start training job x". */
    static DriverException describe(String action, SdkException failure) {
        if (failure instanceof AwsServiceException service) {
            String code = errorCode(service);
            if (BAD_CREDENTIALS.contains(code)) {
                return new DriverException("AWS rejected your credentials (" + code + "): run `aws configure` or "
                        + "`aws sso login`, or set AWS_PROFILE", failure);
            }
            if (code.startsWith("AccessDenied")) {
                return new DriverException("access denied to " + action + ": " + oneLine(message(service))
                        + "; grant your AWS identity that permission", failure);
            }
            return new DriverException("could not " + action + ": " + what(service), failure);
        }
        if (failure instanceof SdkClientException && String.valueOf(failure.getMessage())
                .contains("Unable to load credentials")) {
            return new DriverException(AwsSession.NO_CREDENTIALS, failure);
        }
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return new DriverException("could not " + action + ": AWS did not answer within "
                    + AwsSession.callTimeout().toSeconds() + " s (" + AwsSession.attemptTimeout().toSeconds()
                    + " s per attempt); check the network and try again", failure);
        }
        return new DriverException("could not " + action + ": cannot reach AWS: " + oneLine(failure.getMessage()),
                failure);
    }

    /**
     * "ThrottlingException: Rate exceeded"; a bare 5xx has neither code nor message, so the HTTP status and
     * what it means stand in: a message never has an empty field.
     */
    static String what(AwsServiceException service) {
        String code = errorCode(service);
        String message = service.awsErrorDetails() == null ? "" : String.valueOf(
                service.awsErrorDetails().errorMessage() == null ? "" : service.awsErrorDetails().errorMessage());
        String status = "HTTP " + service.statusCode() + (service.statusCode() >= 500
                ? " (a fault on AWS's side; try again)" : "");
        if (code.isBlank() && message.isBlank()) {
            return status;
        }
        if (code.isBlank()) {
            return status + ": " + oneLine(message);
        }
        return message.isBlank() ? code + " (" + status + ")" : code + ": " + oneLine(message);
    }

    static boolean isThrottling(SdkException failure) {
        return failure instanceof AwsServiceException service
                && (THROTTLED.contains(errorCode(service)) || service.isThrottlingException());
    }

    static String errorCode(AwsServiceException failure) {
        return failure.awsErrorDetails() == null || failure.awsErrorDetails().errorCode() == null ? ""
                : failure.awsErrorDetails().errorCode();
    }

    static String message(AwsServiceException failure) {
        return failure.awsErrorDetails() == null || failure.awsErrorDetails().errorMessage() == null
                ? String.valueOf(failure.getMessage()) : failure.awsErrorDetails().errorMessage();
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
