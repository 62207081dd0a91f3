package io.trackersuite.scanner.actions;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.trackersuite.scanner.aws.AwsAccess;
import io.trackersuite.scanner.aws.AwsFailure;
import io.trackersuite.scanner.inventory.ResourceType;

/**
 * Carries out one action on one resource: read it, refuse it if protected or in the wrong state, dry-run or do it,
 * read the new state back, and write the audit line whatever happened.
 */
@ApplicationScoped
public class ActionService {

    private static final Logger LOG = Logger.getLogger(ActionService.class);

    /** The error code with which EC2 answers a DryRun call that would have succeeded. */
    private static final String DRY_RUN_PASSED = "DryRunOperation";

    private final ActionsConfig config;

    public ActionService(ActionsConfig config) {
        this.config = config;
    }

    /** A validated action on one resource. */
    public record Command(ResourceType type, ActionRules rules, String region, String resourceId,
            Action action, boolean dryRun) {
    }

    /** The result and, for the single-action endpoint, the HTTP status it maps to. */
    public record Outcome(ActionResult result, int httpStatus) {
    }

    public Outcome execute(Command c, AwsAccess aws, String actor, String requestId) {
        Outcome outcome;
        try {
            outcome = carryOut(c, aws, requestId);
        } catch (SdkException e) {
            outcome = new Outcome(result(c, requestId, ActionResult.FAILED, "could not read the resource: "
                    + describe(e), null, null, null), 502);
        }
        audit(outcome.result(), actor);
        return outcome;
    }

    /** An action refused before reaching AWS (e.g. a viewer asking for a real one): audited like any other. */
    public Outcome refuse(Command c, String actor, String requestId, String why, int httpStatus) {
        Outcome outcome = new Outcome(result(c, requestId, ActionResult.REFUSED, why, null, null, null), httpStatus);
        audit(outcome.result(), actor);
        return outcome;
    }

    private Outcome carryOut(Command c, AwsAccess aws, String requestId) {
        ActionRules t = c.rules();
        Optional<ActionRules.Current> read = t.reader().read(aws, c.region(), c.resourceId());
        if (read.isEmpty()) {
            return new Outcome(result(c, requestId, ActionResult.REFUSED, "no such " + c.type().id() + " in "
                    + c.region(), null, null, null), 404);
        }
        ActionRules.Current current = read.get();
        Optional<String> protection = protectingTag(current.tags());
        if (protection.isPresent()) {
            return new Outcome(result(c, requestId, ActionResult.REFUSED, "protected by tag " + protection.get(),
                    current.state(), null, null), 403);
        }
        var allowed = t.allowedStates(c.action());
        if (!allowed.isEmpty() && !allowed.contains(current.state())) {
            return new Outcome(result(c, requestId, ActionResult.REFUSED, "cannot " + c.action().id() + " a "
                    + c.type().id() + " in state " + current.state() + " (allowed: " + String.join(", ", allowed.stream()
                            .sorted().toList()) + ")", current.state(), null, null), 400);
        }
        if (c.dryRun()) {
            return dryRun(c, aws, requestId, current);
        }
        try {
            t.performer().perform(aws, c.region(), c.resourceId(), c.action(), false);
        } catch (SdkException e) {
            return new Outcome(result(c, requestId, ActionResult.FAILED, describe(e), current.state(), null, null), 200);
        }
        return new Outcome(verify(c, aws, requestId, current.state()), 200);
    }

    private Outcome dryRun(Command c, AwsAccess aws, String requestId, ActionRules.Current current) {
        if (!c.rules().apiDryRun()) {
            return new Outcome(result(c, requestId, ActionResult.WOULD_SUCCEED, "checked: the resource exists, is not "
                    + "protected and its state allows " + c.action().id() + " (" + c.type().service()
                    + " has no dry-run API, so permissions were not checked)", current.state(), null, "skipped"), 200);
        }
        return new Outcome(apiDryRun(c, aws, requestId, current), 200);
    }

    private ActionResult apiDryRun(Command c, AwsAccess aws, String requestId, ActionRules.Current current) {
        try {
            c.rules().performer().perform(aws, c.region(), c.resourceId(), c.action(), true);
            // EC2 never answers a DryRun with success; treat it as the check having passed
            return result(c, requestId, ActionResult.WOULD_SUCCEED, "AWS dry run passed", current.state(), null, "skipped");
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && DRY_RUN_PASSED.equals(e.awsErrorDetails().errorCode())) {
                return result(c, requestId, ActionResult.WOULD_SUCCEED, "AWS dry run passed: "
                        + e.awsErrorDetails().errorMessage(), current.state(), null, "skipped");
            }
            return result(c, requestId, ActionResult.FAILED, "AWS dry run refused: " + describe(e), current.state(),
                    null, "skipped");
        }
    }

    private ActionResult verify(Command c, AwsAccess aws, String requestId, String previous) {
        ActionRules t = c.rules();
        try {
            Optional<ActionRules.Current> after = t.reader().read(aws, c.region(), c.resourceId());
            String state = after.map(ActionRules.Current::state).orElse("absent");
            String verification;
            if (after.isEmpty()) {
                verification = c.action() == Action.DELETE ? "verified" : "mismatch";
            } else if (t.doneStates(c.action()).contains(state)) {
                verification = "verified";
            } else if (t.onTheWay(c.action()).contains(state)) {
                verification = "in_progress";
            } else {
                verification = "mismatch";
            }
            return result(c, requestId, ActionResult.SUCCEEDED, c.action().id() + " accepted by AWS", previous, state,
                    verification);
        } catch (SdkException e) {
            return result(c, requestId, ActionResult.SUCCEEDED, c.action().id() + " accepted by AWS; reading the new "
                    + "state back failed: " + describe(e), previous, null, "unverified");
        }
    }

    private Optional<String> protectingTag(Map<String, String> tags) {
        for (String rule : config.protectionTags()) {
            String[] kv = rule.split("=", 2);
            String value = tags.get(kv[0].trim());
            if (value != null && (kv.length == 1 || value.trim().toLowerCase(Locale.ROOT)
                    .equals(kv[1].trim().toLowerCase(Locale.ROOT)))) {
                return Optional.of(kv.length == 1 ? kv[0].trim() : rule.trim());
            }
        }
        return Optional.empty();
    }

    private static ActionResult result(Command c, String requestId, String outcome, String detail, String previous,
            String now, String verification) {
        return new ActionResult(requestId, c.type().id(), c.region(), c.resourceId(), c.action().id(), c.dryRun(),
                outcome, detail, previous, now, verification);
    }

    private static String describe(SdkException e) {
        if (e instanceof AwsServiceException aws) {
            return AwsFailure.of(aws).toString();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private void audit(ActionResult r, String actor) {
        ActionAudit a = new ActionAudit();
        a.at = Instant.now();
        a.actor = actor;
        a.requestId = r.requestId();
        a.action = r.action();
        a.resourceType = r.resourceType();
        a.region = r.region();
        a.resourceId = r.resourceId();
        a.dryRun = r.dryRun();
        a.outcome = r.outcome();
        a.detail = r.detail();
        a.previousState = r.previousState();
        a.newState = r.newState();
        a.verificationStatus = r.verificationStatus();
        QuarkusTransaction.requiringNew().run(a::persist);
        LOG.infof("action %s %s %s/%s by %s (dry run %s): %s", r.action(), r.resourceType(), r.region(),
                r.resourceId(), actor, r.dryRun(), r.outcome());
    }

    public List<ActionAudit> recentAudit(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> ActionAudit.<ActionAudit> findAll(
                Sort.descending("id")).page(0, limit).list());
    }
}
