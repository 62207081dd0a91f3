package io.trackersuite.scanner.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.security.identity.SecurityIdentity;
import io.trackersuite.api.InvalidParameterException;
import io.trackersuite.scanner.aws.AwsAccess;
import io.trackersuite.scanner.aws.AwsClients;
import io.trackersuite.scanner.aws.CredentialsRequest;
import io.trackersuite.scanner.families.ResourceTypes;
import io.trackersuite.scanner.inventory.Regions;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.security.Roles;

/**
 * What every action endpoint shares (the suite's own and the original API's): validating a request into commands,
 * the role check on real actions, the credentials, and bulk items run side by side.
 */
// created at start, not on the first action: its counters are then exported (as 0) for dashboards and alerts
@Startup
@ApplicationScoped
public class ActionRunner {

    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private final ActionService actions;
    private final ResourceTypes types;
    private final AwsClients aws;
    private final ActionsConfig config;
    private final ExecutorService bulkPool;

    private final MeterRegistry metrics;

    public ActionRunner(ActionService actions, ResourceTypes types, AwsClients aws, ActionsConfig config,
            MeterRegistry metrics) {
        this.metrics = metrics;
        // every action and outcome registered up front: dashboards and alerts see 0 rather than no series
        for (Action action : Action.values()) {
            for (String outcome : List.of(ActionResult.WOULD_SUCCEED, ActionResult.SUCCEEDED, ActionResult.REFUSED,
                    ActionResult.FAILED)) {
                outcomes(action.id(), outcome);
            }
        }
        this.actions = actions;
        this.types = types;
        this.aws = aws;
        this.config = config;
        this.bulkPool = Executors.newFixedThreadPool(config.bulkParallelism(), r -> new Thread(r, "bulk-action"));
    }

    /** Who is asking, read on the request thread (bulk items run on the bulk pool, outside the request scope). */
    private record Caller(String name, boolean operator) {

        static Caller of(SecurityIdentity identity) {
            return new Caller(identity.getPrincipal().getName(),
                    identity.hasRole(Roles.OPERATOR) || identity.hasRole(Roles.ADMIN));
        }
    }

    /**
     * A validated command; 400 naming the field ({@code field} prefixes it, e.g. {@code items[2].}) otherwise. An id
     * may also be the resource's ARN where the original API listed ARNs (Lambda functions, load balancers).
     */
    public ActionService.Command command(String typeId, String region, String id, String actionId, boolean dryRun,
            String field) {
        ResourceType type = types.parse(typeId).orElseThrow(() ->
                new InvalidParameterException(field + "resource_type", "unknown resource type '" + typeId + "'"));
        ActionRules rules = types.kind(type).actions().orElseThrow(() -> new InvalidParameterException(
                field + "resource_type", "no actions exist for " + type.id()));
        Action action = Action.parse(actionId == null ? "" : actionId).orElseThrow(() -> new InvalidParameterException(
                field + "action", "action must be stop, start or delete"));
        if (!rules.actions().contains(action)) {
            throw new InvalidParameterException(field + "action", "a " + type.id() + " can be "
                    + rules.actions().stream().map(Action::id).sorted().toList() + ", not " + action.id());
        }
        if (region == null || !Regions.isKnown(region)) {
            throw new InvalidParameterException(field + "region", "unknown region '" + region + "'");
        }
        String resourceId = rules.resourceId(id);
        if (!rules.validId(resourceId)) {
            throw new InvalidParameterException(field + "resource_id", "not a valid " + type.id() + " id (e.g. "
                    + rules.idHint() + ")");
        }
        return new ActionService.Command(type, rules, region, resourceId, action, dryRun);
    }

    /** Validates every item before any is carried out: a malformed bulk request changes nothing. */
    public List<ActionService.Command> commands(List<? extends ActionTarget> items, boolean dryRun, String listField) {
        if (items == null || items.isEmpty()) {
            throw new InvalidParameterException(listField, listField + " must list at least one resource");
        }
        if (items.size() > config.maxBulkItems()) {
            throw new InvalidParameterException(listField, "at most " + config.maxBulkItems() + " items per request");
        }
        List<ActionService.Command> commands = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ActionTarget item = items.get(i);
            if (item == null) {
                throw new InvalidParameterException(listField + "[" + i + "]", "an item must be an object");
            }
            commands.add(command(item.resourceType, item.region, item.resourceId, item.action, dryRun,
                    listField + "[" + i + "]."));
        }
        return commands;
    }

    /** The request's credentials, or the service's own; close it when done (request keys are then dropped). */
    private AwsAccess access(CredentialsRequest credentials) {
        if (credentials != null) {
            credentials.validate();
        }
        return aws.forRequest(credentials);
    }

    private ActionService.Outcome run(ActionService.Command c, AwsAccess access, String requestId, Caller caller) {
        ActionService.Outcome outcome = !c.dryRun() && !caller.operator()
                ? actions.refuse(c, caller.name(), requestId, "dry_run=false needs the operator role", 403)
                : actions.execute(c, access, caller.name(), requestId);
        outcomes(outcome.result().action(), outcome.result().outcome()).increment();
        return outcome;
    }

    private Counter outcomes(String action, String outcome) {
        return Counter.builder("scanner.actions").description("Actions on resources by action and outcome")
                .tag("action", action).tag("outcome", outcome).register(metrics);
    }

    /** Every command tried ({@code bulk-parallelism} at a time) and reported in order; one failure never stops the rest. */
    private List<ActionResult> runAll(List<ActionService.Command> commands, AwsAccess access, String requestId,
            Caller caller) throws InterruptedException {
        List<Future<ActionService.Outcome>> futures = new ArrayList<>();
        for (ActionService.Command c : commands) {
            futures.add(bulkPool.submit(() -> run(c, access, requestId, caller)));
        }
        List<ActionResult> results = new ArrayList<>();
        for (Future<ActionService.Outcome> f : futures) {
            try {
                results.add(f.get().result());
            } catch (ExecutionException e) {
                throw new IllegalStateException("bulk action item failed", e.getCause());
            }
        }
        return results;
    }

    /** What a request's actions came to, and the request id that ties their audit lines together. */
    public record Ran<T>(T result, String requestId) {
    }

    /** One validated command, with the request's credentials, as {@code identity}; the request's keys are dropped after. */
    public Ran<ActionService.Outcome> runOne(ActionService.Command command, CredentialsRequest credentials,
            String clientRequestId, SecurityIdentity identity) {
        String requestId = requestId(clientRequestId);
        try (AwsAccess access = access(credentials)) {
            return new Ran<>(run(command, access, requestId, Caller.of(identity)), requestId);
        }
    }

    /** The same for every command of a bulk request. */
    public Ran<List<ActionResult>> runBulk(List<ActionService.Command> commands, CredentialsRequest credentials,
            String clientRequestId, SecurityIdentity identity) throws InterruptedException {
        String requestId = requestId(clientRequestId);
        Caller caller = Caller.of(identity);
        try (AwsAccess access = access(credentials)) {
            return new Ran<>(runAll(commands, access, requestId, caller), requestId);
        }
    }

    /** The client's {@code X-Request-Id} when it is a sane token, else a new one; it ties the audit lines together. */
    private static String requestId(String fromClient) {
        return fromClient != null && CLIENT_REQUEST_ID.matcher(fromClient).matches() ? fromClient
                : UUID.randomUUID().toString();
    }

    @PreDestroy
    void stop() {
        bulkPool.shutdownNow();
    }
}
