package io.trackersuite.scanner.seedapi;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.trackersuite.api.InvalidParameterException;
import io.trackersuite.api.Problem;
import io.trackersuite.api.ProblemMappers;
import io.trackersuite.scanner.actions.ActionResource;
import io.trackersuite.scanner.actions.ActionResult;
import io.trackersuite.scanner.actions.ActionRunner;
import io.trackersuite.scanner.actions.ActionService;
import io.trackersuite.scanner.families.ResourceTypes;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.scanner.scans.ResourceFilter;
import io.trackersuite.scanner.scans.ScanConfig;
import io.trackersuite.scanner.scans.ScanRequest;
import io.trackersuite.scanner.scans.ScanService;
import io.trackersuite.scanner.scans.ScanStore;
import io.trackersuite.scanner.scans.ScanView;
import io.trackersuite.security.Roles;

/**
 * The original AWS resource tracker's API (path, request and response as its README documents them), as thin
 * adapters: a scan here is a scan job of the suite, stored and audited like any other; actions go through the same
 * protection tags, role check and audit as the suite's own. Errors are problem bodies that also carry the original's
 * {@code success:false} and {@code error}.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@SeedApi
@Tag(name = "Original API", description = "The AWS resource tracker's synchronous API, kept for its clients")
public class SeedApiResource {

    static final String ACCESS_KEY_HEADER = "X-AWS-Access-Key";
    static final String SECRET_KEY_HEADER = "X-AWS-Secret-Key";

    private final ScanService scans;
    private final ScanStore store;
    private final ScanConfig config;
    private final ActionRunner actions;
    private final ResourceTypes types;
    private final SecurityIdentity identity;

    public SeedApiResource(ScanService scans, ScanStore store, ScanConfig config, ActionRunner actions,
            ResourceTypes types, SecurityIdentity identity) {
        this.types = types;
        this.scans = scans;
        this.store = store;
        this.config = config;
        this.actions = actions;
        this.identity = identity;
    }

    @POST
    @Path("scan")
    @RolesAllowed({ Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "Scan every region and wait", description = "Runs a scan job and answers with every resource found, the summary, the cost summary and the errors. Past scanner.scans.sync-wait: 503 naming the job, which goes on.")
    public SeedShapes.ScanReply scan(ScanRequest request, @HeaderParam(ACCESS_KEY_HEADER) String accessKey,
            @HeaderParam(SECRET_KEY_HEADER) String secretKey) throws InterruptedException {
        ScanRequest body = request == null ? new ScanRequest() : request;
        if (body.awsAccessKeyId == null && body.awsSecretAccessKey == null && body.credentials == null
                && (accessKey != null || secretKey != null)) {
            body.awsAccessKeyId = accessKey;
            body.awsSecretAccessKey = secretKey;
        }
        ScanService.Started started = scans.start(body.toPlan(config, types), identity.getPrincipal().getName(), "api");
        try {
            started.done().get(config.syncWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SeedProblem(503, "Scan still running", "scan " + started.id()
                    + " is still running; follow GET /api/v1/scans/" + started.id());
        } catch (ExecutionException e) {
            throw new IllegalStateException("scan job failed", e.getCause());
        }
        ScanView scan = scans.find(started.id(), true).orElseThrow();
        if (!"completed".equals(scan.status())) {
            throw new SeedProblem(502, "Scan failed", "scan " + scan.id() + " failed: " + scan.failure());
        }
        List<SeedShapes.Resource> resources = store.allResources(scan.id(), ResourceFilter.EVERYTHING).stream().map(SeedShapes.Resource::of)
                .toList();
        return new SeedShapes.ScanReply(true, new SeedShapes.ScanData(scan.id(), scan.finishedAt(), scan.regions(),
                resources, summary(resources), costSummary(resources),
                scan.errors().stream().map(e -> SeedShapes.Error.of(e, types)).toList()));
    }

    @POST
    @Path("resources/filter")
    @RolesAllowed({ Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "Filter resources", description = "Filters the resources sent (as the original did) or, without them, a stored scan (scan_id, default the newest completed).")
    public SeedShapes.FilterReply filter(SeedRequests.Filter request) {
        SeedRequests.Filter body = request == null ? new SeedRequests.Filter() : request;
        SeedRequests.Filters filters = body.filters == null ? new SeedRequests.Filters() : body.filters;
        ResourceType type = filters.resourceType == null ? null : types.parse(filters.resourceType).orElseThrow(
                () -> new InvalidParameterException("filters.resource_type", "unknown resource type; known: "
                        + types.all().stream().map(ResourceType::seedName).toList()));
        if (body.resources != null) {
            if (body.scanId != null) {
                throw new InvalidParameterException("scan_id", "send either resources or scan_id, not both");
            }
            List<Map<String, Object>> matches = body.resources.stream().filter(Objects::nonNull)
                    .filter(r -> matches(r, type, filters)).toList();
            return new SeedShapes.FilterReply(true, matches.size(), matches);
        }
        UUID scan = body.scanId != null
                ? scans.find(body.scanId, false).orElseThrow(() -> new NotFoundException("no scan " + body.scanId)).id()
                : scans.latestCompleted().orElseThrow(() -> new NotFoundException("no completed scan yet"));
        Map.Entry<String, String> tag = filters.tags == null || filters.tags.isEmpty() ? null
                : filters.tags.entrySet().iterator().next();
        // the database filters by type, region, state and one tag; further tag pairs are checked here
        ResourceFilter query = new ResourceFilter(type == null ? null : List.of(type),
                filters.region == null ? null : List.of(filters.region),
                filters.state == null ? null : List.of(filters.state), tag == null ? null : tag.getKey(),
                tag == null ? null : tag.getValue(), null, null, null, null, false, 0, ResourceFilter.MAX_PAGE_SIZE);
        // the filter's page and size do not apply: allResources reads every match
        List<SeedShapes.Resource> matches = store.allResources(scan, query).stream()
                .filter(r -> filters.tags == null || filters.tags.entrySet().stream()
                        .allMatch(t -> Objects.equals(r.tags().get(t.getKey()), t.getValue())))
                .map(SeedShapes.Resource::of).toList();
        return new SeedShapes.FilterReply(true, matches.size(), matches);
    }

    @POST
    @Path("resources/action")
    @RolesAllowed({ Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "Stop or delete one resource, now", description = "Carried out as the original did (dry_run: true only checks); protected resources are refused, a real action needs the operator role, every attempt is audited.")
    public Response action(SeedRequests.Action request, @HeaderParam(ACCESS_KEY_HEADER) String accessKey,
            @HeaderParam(SECRET_KEY_HEADER) String secretKey,
            @HeaderParam(ActionResource.REQUEST_ID) String clientRequestId) {
        if (request == null) {
            throw new InvalidParameterException("body", "a JSON body is required");
        }
        ActionService.Command command = actions.command(request.resourceType, request.region, request.resourceId,
                request.action, Boolean.TRUE.equals(request.dryRun), "");
        ActionRunner.Ran<ActionService.Outcome> ran = actions.runOne(command,
                request.credentials(accessKey, secretKey), clientRequestId, identity);
        ActionService.Outcome outcome = ran.result();
        SeedShapes.ActionReply reply = SeedShapes.ActionReply.of(outcome.result(), outcome.httpStatus(), true, types);
        Response.ResponseBuilder response = outcome.httpStatus() >= 400
                ? Response.status(outcome.httpStatus()).type(Problem.MEDIA_TYPE)
                : Response.ok();
        return response.entity(reply).header(ActionResource.REQUEST_ID, ran.requestId()).build();
    }

    @POST
    @Path("resources/bulk-action")
    @RolesAllowed({ Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "The same for many resources", description = "Every item is validated before any is carried out; each is reported, one failure never stops the others.")
    public Response bulk(SeedRequests.Bulk request, @HeaderParam(ACCESS_KEY_HEADER) String accessKey,
            @HeaderParam(SECRET_KEY_HEADER) String secretKey,
            @HeaderParam(ActionResource.REQUEST_ID) String clientRequestId) throws InterruptedException {
        if (request == null) {
            throw new InvalidParameterException("actions", "No actions provided");
        }
        boolean dryRun = Boolean.TRUE.equals(request.dryRun);
        List<ActionService.Command> commands = actions.commands(request.actions, dryRun, "actions");
        ActionRunner.Ran<List<ActionResult>> ran = actions.runBulk(commands,
                request.credentials(accessKey, secretKey), clientRequestId, identity);
        List<SeedShapes.ActionReply> replies = ran.result().stream()
                .map(r -> SeedShapes.ActionReply.of(r, 200, false, types)).toList();
        int successful = (int) replies.stream().filter(SeedShapes.ActionReply::success).count();
        return Response.ok(new SeedShapes.BulkReply(true, replies.size(), successful, replies.size() - successful,
                replies, ran.requestId(), dryRun)).header(ActionResource.REQUEST_ID, ran.requestId()).build();
    }

    @GET
    @Path("docs")
    @PermitAll
    @Operation(summary = "The original API's own description of its endpoints")
    public Map<String, Object> docs() {
        Map<String, Object> endpoints = new LinkedHashMap<>();
        endpoints.put("scan", endpoint("POST", "/api/v1/scan", "Scan AWS resources in every enabled region and wait"));
        endpoints.put("filter", endpoint("POST", "/api/v1/resources/filter", "Filter scanned resources"));
        endpoints.put("action", endpoint("POST", "/api/v1/resources/action", "Perform action on resource"));
        endpoints.put("bulk_action", endpoint("POST", "/api/v1/resources/bulk-action",
                "Perform action on multiple resources"));
        endpoints.put("scans", endpoint("POST", "/api/v1/scans", "Start a scan job without waiting (the suite's API)"));
        Map<String, Object> docs = new LinkedHashMap<>();
        docs.put("service", "AWS Resource Tracker API");
        docs.put("version", "1.0.0");
        docs.put("endpoints", endpoints);
        docs.put("authentication", Map.of("api_key", "X-API-Key header", "jwt", "Authorization: Bearer <token>"));
        docs.put("resource_types", types.all().stream().map(ResourceType::seedName).toList());
        docs.put("openapi", "/q/openapi");
        return docs;
    }

    private static Map<String, Object> endpoint(String method, String path, String description) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("method", method);
        endpoint.put("path", path);
        endpoint.put("description", description);
        endpoint.put("requires_auth", true);
        return endpoint;
    }

    /** The original compared the given values with the resource's; the type matches by either of its names. */
    private static boolean matches(Map<String, Object> resource, ResourceType type, SeedRequests.Filters filters) {
        if (type != null && !(resource.get("resource_type") instanceof String t && type.isNamed(t))) {
            return false;
        }
        if (filters.region != null && !filters.region.equals(resource.get("region"))) {
            return false;
        }
        if (filters.state != null && !filters.state.equals(resource.get("state"))) {
            return false;
        }
        if (filters.tags != null) {
            Map<?, ?> tags = resource.get("tags") instanceof Map<?, ?> m ? m : Map.of();
            return filters.tags.entrySet().stream().allMatch(t -> Objects.equals(tags.get(t.getKey()), t.getValue()));
        }
        return true;
    }

    private static SeedShapes.Summary summary(List<SeedShapes.Resource> resources) {
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> byRegion = new TreeMap<>();
        Map<String, Long> byState = new TreeMap<>();
        for (SeedShapes.Resource r : resources) {
            byType.merge(r.resourceType(), 1L, Long::sum);
            byRegion.merge(r.region(), 1L, Long::sum);
            byState.merge(String.valueOf(r.state()), 1L, Long::sum);
        }
        return new SeedShapes.Summary(resources.size(), byType, byRegion, byState);
    }

    private static SeedShapes.CostSummary costSummary(List<SeedShapes.Resource> resources) {
        BigDecimal total = BigDecimal.ZERO;
        Map<String, BigDecimal> byType = new TreeMap<>();
        for (SeedShapes.Resource r : resources) {
            BigDecimal cost = r.estimatedCostMonthly() == null ? BigDecimal.ZERO : r.estimatedCostMonthly();
            total = total.add(cost);
            byType.merge(r.resourceType(), cost, BigDecimal::add);
        }
        byType.replaceAll((type, sum) -> SeedShapes.cents(sum));
        return new SeedShapes.CostSummary(SeedShapes.cents(total), byType);
    }

    @ServerExceptionMapper
    public Response seedProblem(SeedProblem e) {
        return ProblemMappers.problem(Problem.of(e.status, e.title, e.getMessage()));
    }

    /** A scan that did not complete: its status and the scan's id are safe to show (no internal message). */
    static final class SeedProblem extends RuntimeException {
        final int status;
        final String title;

        SeedProblem(int status, String title, String detail) {
            super(detail);
            this.status = status;
            this.title = title;
        }
    }
}
