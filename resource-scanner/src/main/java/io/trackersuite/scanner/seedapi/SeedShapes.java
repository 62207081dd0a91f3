package io.trackersuite.scanner.seedapi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import io.trackersuite.scanner.actions.ActionResult;
import io.trackersuite.scanner.families.LambdaFamily;
import io.trackersuite.scanner.families.LoadBalancingFamily;
import io.trackersuite.scanner.families.ResourceTypes;
import io.trackersuite.scanner.inventory.CloudResource;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.scanner.scans.ScanError;

/**
 * Response bodies of the original API, field for field; our additions are noted on each. Registered for reflection
 * because the action replies leave inside a {@code Response}, where the native build cannot see their type.
 */
@RegisterForReflection(targets = { SeedShapes.ActionReply.class, SeedShapes.BulkReply.class,
        SeedErrorBodies.SeedProblemBody.class })
final class SeedShapes {

    /** The types the original API identified by ARN rather than by id. */
    private static final Set<ResourceType> LISTED_BY_ARN = Set.of(LambdaFamily.FUNCTION,
            LoadBalancingFamily.LOAD_BALANCER, LoadBalancingFamily.CLASSIC);

    private SeedShapes() {
    }

    /** {@code {"success":true,"data":{...}}} of the scan. */
    record ScanReply(boolean success, ScanData data) {
    }

    /** {@code scan_id} is ours: the stored scan, for the filter call and the suite's own API. */
    record ScanData(UUID scanId, Instant timestamp, List<String> regionsScanned, List<Resource> resources,
            Summary summary, CostSummary costSummary, List<Error> errors) {
    }

    /**
     * One resource as the original listed it. Lambda functions and load balancers are identified by ARN, as there;
     * {@code metadata} holds what the scanner read for the type, plus {@code arn} and {@code cost_basis}.
     */
    record Resource(String resourceId, String resourceName, String resourceType, String region, String state,
            Instant creationDate, Map<String, String> tags, BigDecimal estimatedCostMonthly,
            Map<String, Object> metadata) {

        static Resource of(CloudResource r) {
            boolean byArn = r.arn() != null && LISTED_BY_ARN.contains(r.type());
            Map<String, Object> metadata = new LinkedHashMap<>(r.metadata());
            if (r.arn() != null) {
                metadata.put("arn", r.arn());
            }
            if (r.costBasis() != null) {
                metadata.put("cost_basis", r.costBasis());
            }
            return new Resource(byArn ? r.arn() : r.id(), r.name() != null ? r.name() : r.id(), r.type().seedName(),
                    r.region(), r.state(), r.createdAt(), r.tags(), r.monthlyCost(), metadata);
        }
    }

    record Summary(long totalResources, Map<String, Long> byType, Map<String, Long> byRegion,
            Map<String, Long> byState) {
    }

    /** Totals rounded to cents as the original did; resources without a figure count as 0. */
    record CostSummary(BigDecimal estimatedMonthlyTotal, Map<String, BigDecimal> byResourceType) {
    }

    /** The original had {@code type} and {@code message}; region, service, resource type and AWS code are ours. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String type, String message, String region, String service, String resourceType, String errorCode) {

        static Error of(ScanError e, ResourceTypes types) {
            ResourceType type = types.parse(e.resourceType()).orElse(null);
            return new Error("scan_error", e.message(), e.region(), e.service(),
                    type == null ? e.resourceType() : type.seedName(), e.errorCode());
        }
    }

    record FilterReply(boolean success, int total, List<?> resources) {
    }

    /**
     * One action's result. On refusal or failure it is also an RFC 9457 problem ({@code type}, {@code title},
     * {@code status}, {@code detail}) with {@code success:false} and {@code error}, as the original answered.
     * {@code request_id}, {@code dry_run}, {@code outcome}, {@code region} and the states are ours.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ActionReply(String type, String title, Integer status, String detail, boolean success, String resourceId,
            String resourceType, String action, String message, String verificationStatus, String error,
            String requestId, boolean dryRun, String outcome, String region, String previousState, String newState) {

        /** {@code asProblem}: the single action's refusal; bulk items stay plain entries of a 200 reply. */
        static ActionReply of(ActionResult r, int httpStatus, boolean asProblem, ResourceTypes types) {
            boolean success = httpStatus < 400 && (ActionResult.SUCCEEDED.equals(r.outcome())
                    || ActionResult.WOULD_SUCCEED.equals(r.outcome()));
            ResourceType type = types.parse(r.resourceType()).orElseThrow();
            boolean problem = asProblem && httpStatus >= 400;
            return new ActionReply(problem ? "about:blank" : null, problem ? "Action refused" : null,
                    problem ? httpStatus : null, problem ? r.detail() : null, success, r.resourceId(),
                    type.seedName(), r.action(), r.detail(), verification(r.verificationStatus()),
                    success ? null : r.detail(), r.requestId(), r.dryRun(), r.outcome(), r.region(),
                    r.previousState(), r.newState());
        }

        /** The original's words where ours mean the same: pending (AWS is on its way), failed (another state). */
        private static String verification(String ours) {
            if (ours == null) {
                return null;
            }
            return switch (ours) {
                case "in_progress" -> "pending";
                case "mismatch" -> "failed";
                default -> ours;
            };
        }
    }

    /** {@code request_id} and {@code dry_run} are ours. */
    record BulkReply(boolean success, int totalActions, int successful, int failed, List<ActionReply> results,
            String requestId, boolean dryRun) {
    }

    static BigDecimal cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
