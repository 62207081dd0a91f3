package io.trackersuite.scanner.scans;

import org.jboss.logging.Logger;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import io.trackersuite.scanner.aws.AwsFailure;
import io.trackersuite.scanner.inventory.ResourceType;

/** A task that failed (AccessDenied, region disabled, timeout...): recorded, the scan goes on. */
public record ScanError(String region, String service, String resourceType, String errorCode, String message) {

    private static final Logger LOG = Logger.getLogger(ScanError.class);

    /** What a failed task of {@code type} in {@code region} tells the user: AWS's code and message, or ours. */
    static ScanError of(ResourceType type, String region, RuntimeException e) {
        return of(type.service(), type.id(), region, e);
    }

    static ScanError of(String service, String resourceType, String region, RuntimeException e) {
        if (e instanceof AwsServiceException aws) {
            AwsFailure failure = AwsFailure.of(aws);
            return new ScanError(region, service, resourceType, failure.code(), failure.message());
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new ScanError(region, service, resourceType, "Timeout", e.getMessage());
        }
        if (e instanceof SdkClientException) {
            return new ScanError(region, service, resourceType, "ClientError", e.getMessage());
        }
        LOG.errorf(e, "collector of %s in %s failed", resourceType, region);
        return new ScanError(region, service, resourceType, "InternalError",
                "the scanner could not process the answer (" + e.getClass().getSimpleName() + ")");
    }
}
