package io.trackersuite.scanner.actions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.trackersuite.api.Problem;
import io.trackersuite.api.InvalidParameterException;
import io.trackersuite.scanner.api.ProblemMappers;
import io.trackersuite.scanner.aws.AwsAccess;
import io.trackersuite.scanner.aws.AwsClients;
import io.trackersuite.scanner.aws.CredentialsRequest;
import io.trackersuite.scanner.inventory.Regions;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.scanner.security.Roles;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Actions", description = "Stop, start and delete, dry run first, protected resources refused, all audited")
public class ActionResource {

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private final ActionService actions;
    private final ActionTargets targets;
    private final AwsClients aws;
    private final ActionsConfig config;
    private final SecurityIdentity identity;
    private final ExecutorService bulkPool;

    public ActionResource(ActionService actions, ActionTargets targets, AwsClients aws, ActionsConfig config,
            SecurityIdentity identity) {
        this.actions = actions;
        this.targets = targets;
        this.aws = aws;
        this.config = config;
        this.identity = identity;
        this.bulkPool = Executors.newFixedThreadPool(config.bulkParallelism(), r -> new Thread(r, "bulk-action"));
    }

    @POST
    @Path("resources/action")
    @RolesAllowed({ Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "Stop, start or delete one resource", description = "Dry run unless dry_run is false, which needs the operator role. Refusals answer with a problem body; the audit holds every attempt.")
    public Response action(ActionRequest request, @HeaderParam(REQUEST_ID) String clientRequestId) {
        if (request == null) {
            throw new InvalidParameterException("body", "a JSON body is required");
        }
        ActionService.Command command = command(request.resourceType, request.region, request.resourceId,
                request.action, request.dryRun, "");
        String requestId = requestId(clientRequestId);
        ActionService.Outcome outcome;
        try (AwsAccess access = access(request.credentials)) {
            outcome = run(command, access, requestId, caller());
        }
        if (outcome.httpStatus() >= 400) {
            ActionResult r = outcome.result();
            return ProblemMappers.problem(new Problem("about:blank", "Action refused", outcome.httpStatus(),
                    r.detail() + " (request " + requestId + ")", outcome.httpStatus() == 400 ? "action" : null));
        }
        return Response.ok(outcome.result()).header(REQUEST_ID, requestId).build();
    }

    public record BulkResult(String requestId, boolean dryRun, int succeeded, int refused, int failed,
            List<ActionResult> results) {
    }

    @POST
    @Path("resources/bulk-action")
    @RolesAllowed({ Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "The same for many resources", description = "Every item is tried and reported; one failure never stops the others.")
    public Response bulk(ActionRequest.Bulk request, @HeaderParam(REQUEST_ID) String clientRequestId) throws Exception {
        if (request == null || request.items == null || request.items.isEmpty()) {
            throw new InvalidParameterException("items", "items must list at least one resource");
        }
        if (request.items.size() > config.maxBulkItems()) {
            throw new InvalidParameterException("items", "at most " + config.maxBulkItems() + " items per request");
        }
        // every item is validated before any is carried out: a malformed request changes nothing
        List<ActionService.Command> commands = new ArrayList<>();
        for (int i = 0; i < request.items.size(); i++) {
            ActionTarget item = request.items.get(i);
            if (item == null) {
                throw new InvalidParameterException("items[" + i + "]", "an item must be an object");
            }
            commands.add(command(item.resourceType, item.region, item.resourceId, item.action, request.dryRun,
                    "items[" + i + "]."));
        }
        String requestId = requestId(clientRequestId);
        List<ActionResult> results = new ArrayList<>();
        try (AwsAccess access = access(request.credentials)) {
            Caller caller = caller();
            List<Future<ActionService.Outcome>> futures = new ArrayList<>();
            for (ActionService.Command c : commands) {
                futures.add(bulkPool.submit(() -> run(c, access, requestId, caller)));
            }
            for (Future<ActionService.Outcome> f : futures) {
                results.add(f.get().result());
            }
        }
        return Response.ok(new BulkResult(requestId, commands.get(0).dryRun(),
                count(results, ActionResult.SUCCEEDED) + count(results, ActionResult.WOULD_SUCCEED),
                count(results, ActionResult.REFUSED), count(results, ActionResult.FAILED), results))
                .header(REQUEST_ID, requestId).build();
    }

    /** What the console needs to offer only valid actions: the types, their actions, the protection tags. */
    public record Rules(List<String> resourceTypes, Map<String, List<String>> actions, List<String> protectionTags) {
    }

    @GET
    @Path("actions/rules")
    @RolesAllowed({ Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "Resource types, the actions each allows, and the tags that protect a resource")
    public Rules rules() {
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (ResourceType type : ResourceType.values()) {
            byType.put(type.id(), targets.of(type).map(t -> t.actions().stream().sorted().map(Action::id).toList())
                    .orElse(List.of()));
        }
        return new Rules(Arrays.stream(ResourceType.values()).map(ResourceType::id).toList(), byType,
                config.protectionTags());
    }

    @GET
    @Path("actions/audit")
    @RolesAllowed({ Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "The newest entries of the action audit trail")
    public List<ActionAudit> audit(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidParameterException("limit", "limit must be between 1 and 1000");
        }
        return actions.recentAudit(limit);
    }

    private AwsAccess access(CredentialsRequest credentials) {
        if (credentials != null) {
            credentials.validate();
        }
        return aws.forRequest(credentials);
    }

    /** Who is asking, read on the request thread (bulk items run on the bulk pool, outside the request scope). */
    private record Caller(String name, boolean operator) {
    }

    private Caller caller() {
        return new Caller(identity.getPrincipal().getName(),
                identity.hasRole(Roles.OPERATOR) || identity.hasRole(Roles.ADMIN));
    }

    private ActionService.Outcome run(ActionService.Command c, AwsAccess access, String requestId, Caller caller) {
        if (!c.dryRun() && !caller.operator()) {
            return actions.refuse(c, caller.name(), requestId, "dry_run=false needs the operator role", 403);
        }
        return actions.execute(c, access, caller.name(), requestId);
    }

    private ActionService.Command command(String typeId, String region, String id, String actionId, Boolean dryRun,
            String field) {
        ResourceType type = ResourceType.parse(typeId == null ? "" : typeId).orElseThrow(() ->
                new InvalidParameterException(field + "resource_type", "unknown resource type '" + typeId + "'"));
        ActionTargets.Target target = targets.of(type).orElseThrow(() -> new InvalidParameterException(
                field + "resource_type", "no actions exist for " + type.id()));
        Action action = Action.parse(actionId == null ? "" : actionId).orElseThrow(() -> new InvalidParameterException(
                field + "action", "action must be stop, start or delete"));
        if (!target.actions().contains(action)) {
            throw new InvalidParameterException(field + "action", "a " + type.id() + " can be "
                    + target.actions().stream().map(Action::id).sorted().toList() + ", not " + action.id());
        }
        if (region == null || !Regions.isKnown(region)) {
            throw new InvalidParameterException(field + "region", "unknown region '" + region + "'");
        }
        if (id == null || !target.idFormat().matcher(id).matches()) {
            throw new InvalidParameterException(field + "resource_id", "not a valid " + type.id() + " id (e.g. "
                    + target.idHint() + ")");
        }
        return new ActionService.Command(type, target, region, id, action, dryRun == null || dryRun);
    }

    private static String requestId(String fromClient) {
        return fromClient != null && CLIENT_REQUEST_ID.matcher(fromClient).matches() ? fromClient
                : UUID.randomUUID().toString();
    }

    private static int count(List<ActionResult> results, String outcome) {
        return (int) results.stream().filter(r -> r.outcome().equals(outcome)).count();
    }

    @PreDestroy
    void stop() {
        bulkPool.shutdownNow();
    }
}
