package io.trackersuite.scanner.actions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import io.trackersuite.api.InvalidParameterException;
import io.trackersuite.api.Problem;
import io.trackersuite.api.ProblemMappers;
import io.trackersuite.api.QueryParameters;
import io.trackersuite.scanner.families.ResourceTypes;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.security.Roles;

/**
 * The suite's own action API: a dry run unless {@code dry_run} is false. The original API's
 * {@code /api/v1/resources/action} and {@code bulk-action} (real unless told otherwise) are in {@code seedapi}.
 */
@Path("/api/v1/actions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Actions", description = "Stop, start and delete, dry run first, protected resources refused, all audited")
public class ActionResource {

    public static final String REQUEST_ID = "X-Request-Id";

    private final ActionService actions;
    private final ResourceTypes types;
    private final ActionRunner runner;
    private final ActionsConfig config;
    private final SecurityIdentity identity;

    public ActionResource(ActionService actions, ResourceTypes types, ActionRunner runner, ActionsConfig config,
            SecurityIdentity identity) {
        this.actions = actions;
        this.types = types;
        this.runner = runner;
        this.config = config;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({ Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "Stop, start or delete one resource", description = "Dry run unless dry_run is false, which needs the operator role. Refusals answer with a problem body; the audit holds every attempt.")
    public Response action(ActionRequest request, @HeaderParam(REQUEST_ID) String clientRequestId) {
        if (request == null) {
            throw new InvalidParameterException("body", "a JSON body is required");
        }
        ActionService.Command command = runner.command(request.resourceType, request.region, request.resourceId,
                request.action, request.dryRun == null || request.dryRun, "");
        ActionRunner.Ran<ActionService.Outcome> ran = runner.runOne(command, request.credentials, clientRequestId,
                identity);
        ActionService.Outcome outcome = ran.result();
        if (outcome.httpStatus() >= 400) {
            return ProblemMappers.problem(new Problem("about:blank", "Action refused", outcome.httpStatus(),
                    outcome.result().detail() + " (request " + ran.requestId() + ")",
                    outcome.httpStatus() == 400 ? "action" : null));
        }
        return Response.ok(outcome.result()).header(REQUEST_ID, ran.requestId()).build();
    }

    public record BulkResult(String requestId, boolean dryRun, int succeeded, int refused, int failed,
            List<ActionResult> results) {
    }

    @POST
    @Path("bulk")
    @RolesAllowed({ Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "The same for many resources", description = "Every item is validated first, then all are tried and reported; one failure never stops the others.")
    public Response bulk(ActionRequest.Bulk request, @HeaderParam(REQUEST_ID) String clientRequestId)
            throws InterruptedException {
        if (request == null) {
            throw new InvalidParameterException("items", "items must list at least one resource");
        }
        boolean dryRun = request.dryRun == null || request.dryRun;
        List<ActionService.Command> commands = runner.commands(request.items, dryRun, "items");
        ActionRunner.Ran<List<ActionResult>> ran = runner.runBulk(commands, request.credentials, clientRequestId,
                identity);
        List<ActionResult> results = ran.result();
        return Response.ok(new BulkResult(ran.requestId(), dryRun,
                count(results, ActionResult.SUCCEEDED) + count(results, ActionResult.WOULD_SUCCEED),
                count(results, ActionResult.REFUSED), count(results, ActionResult.FAILED), results))
                .header(REQUEST_ID, ran.requestId()).build();
    }

    /** What the console needs to offer only valid actions: the types, their actions, the protection tags. */
    public record Rules(List<String> resourceTypes, Map<String, List<String>> actions, List<String> protectionTags) {
    }

    @GET
    @Path("rules")
    @RolesAllowed({ Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "Resource types, the actions each allows, and the tags that protect a resource")
    public Rules rules() {
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (ResourceType type : types.all()) {
            byType.put(type.id(), types.kind(type).actions()
                    .map(rules -> rules.actions().stream().sorted().map(Action::id).toList()).orElse(List.of()));
        }
        return new Rules(types.all().stream().map(ResourceType::id).toList(), byType,
                config.protectionTags());
    }

    @GET
    @Path("audit")
    @RolesAllowed({ Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "The newest entries of the action audit trail")
    public List<ActionAudit> audit(@QueryParam("limit") @DefaultValue("100") String limit) {
        return actions.recentAudit(QueryParameters.integer("limit", limit, 100, 1, 1000));
    }

    private static int count(List<ActionResult> results, String outcome) {
        return (int) results.stream().filter(r -> r.outcome().equals(outcome)).count();
    }
}
