package io.trackersuite.scanner.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What an AWS error says, for scan errors and action results. Some AWS-compatible endpoints (and S3's HEAD requests)
 * answer an error without a body: then the code is the HTTP status and the message says there was none, never
 * "null: null".
 */
public record AwsFailure(String code, String message) {

    public static AwsFailure of(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return new AwsFailure(code == null || code.isBlank() ? "HTTP " + e.statusCode() : code,
                message == null || message.isBlank() ? "no error message in the answer" : message);
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
