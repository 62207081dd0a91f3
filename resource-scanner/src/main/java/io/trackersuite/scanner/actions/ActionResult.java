package io.trackersuite.scanner.actions;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What came of one action. {@code outcome}: would_succeed (dry run passed), succeeded, refused (protected, wrong
 * state), failed (AWS said no). {@code verificationStatus} after a real action: verified (final state reached),
 * in_progress (AWS accepted and is on its way), mismatch, unverified (the read-back failed), or skipped (dry run).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionResult(String requestId, String resourceType, String region, String resourceId, String action,
        boolean dryRun, String outcome, String detail, String previousState, String newState,
        String verificationStatus) {

    public static final String WOULD_SUCCEED = "would_succeed";
    public static final String SUCCEEDED = "succeeded";
    public static final String REFUSED = "refused";
    public static final String FAILED = "failed";
}
