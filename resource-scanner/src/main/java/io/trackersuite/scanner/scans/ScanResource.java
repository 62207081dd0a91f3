package io.trackersuite.scanner.scans;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.trackersuite.api.InvalidParameterException;
import io.trackersuite.api.QueryParameters;
import io.trackersuite.scanner.families.ResourceTypes;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.security.Roles;

@Path("/api/v1/scans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scans", description = "Inventory scans as jobs, their resources, costs and differences")
public class ScanResource {

    private static final int MAX_DIFF_ITEMS = 1000;

    private final ScanService scans;
    private final ScanStore store;
    private final ScanConfig config;
    private final ResourceTypes types;
    private final SecurityIdentity identity;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "scan-progress-feed"));

    public ScanResource(ScanService scans, ScanStore store, ScanConfig config, ResourceTypes types,
            SecurityIdentity identity) {
        this.types = types;
        this.scans = scans;
        this.store = store;
        this.config = config;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({ Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "Start a scan", description = "Returns 202 at once; follow GET /api/v1/scans/{id} or its events.")
    public Response start(ScanRequest request) {
        ScanPlan plan = (request == null ? new ScanRequest() : request).toPlan(config, types);
        ScanService.Started started = scans.start(plan, identity.getPrincipal().getName(), "api");
        return Response.accepted(scans.find(started.id(), false).orElseThrow())
                .location(URI.create("/api/v1/scans/" + started.id())).build();
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "Scans, newest first")
    public List<ScanView> list(@QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("20") String size) {
        return scans.list(QueryParameters.integer("page", page, 0, 0, Integer.MAX_VALUE),
                QueryParameters.integer("size", size, 20, 1, 200));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "A scan's status, progress, totals and errors")
    public ScanView get(@PathParam("id") String id) {
        return scans.find(scanId(id), true).orElseThrow(() -> noScan(id));
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN })
    @Blocking
    @Operation(summary = "Progress as server-sent events", description = "One event per change; ends when the scan ends.")
    public Multi<ScanView> events(@PathParam("id") String id) {
        UUID scan = scanId(id);
        scans.find(scan, false).orElseThrow(() -> noScan(id));
        return Multi.createFrom().emitter(emitter -> {
            AtomicReference<ScanView> last = new AtomicReference<>();
            ScheduledFuture<?> poll = ticker.scheduleWithFixedDelay(() -> {
                try {
                    ScanView now = scans.find(scan, false).orElseThrow();
                    if (!now.equals(last.getAndSet(now))) {
                        emitter.emit(now);
                    }
                    if (now.finished()) {
                        emitter.complete();
                    }
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            }, 0, 250, TimeUnit.MILLISECONDS);
            emitter.onTermination(() -> poll.cancel(false));
        });
    }

    @GET
    @Path("{id}/resources")
    @RolesAllowed({ Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "Resources of a scan", description = "Filters combine with AND; tag is key or key=value.")
    public ResourcePage resources(@PathParam("id") String id, @QueryParam("type") List<String> types,
            @QueryParam("region") List<String> regions, @QueryParam("state") List<String> states,
            @QueryParam("tag") String tag, @QueryParam("name") String name,
            @QueryParam("min_cost") String minCost, @QueryParam("max_cost") String maxCost,
            @QueryParam("sort") String sort, @QueryParam("order") @DefaultValue("asc") String order,
            @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("50") String size) {
        UUID scan = existing(id);
        String tagKey = tag == null || tag.isBlank() ? null : tag.split("=", 2)[0];
        String tagValue = tag != null && tag.contains("=") ? tag.split("=", 2)[1] : null;
        return store.resources(scan, new ResourceFilter(parseTypes(types), regions, states, tagKey, tagValue,
                blankToNull(name), cost("min_cost", minCost), cost("max_cost", maxCost), blankToNull(sort),
                descending(order), QueryParameters.integer("page", page, 0, 0, Integer.MAX_VALUE),
                QueryParameters.integer("size", size, 50, 1, ResourceFilter.MAX_PAGE_SIZE)));
    }

    @GET
    @Path("{id}/costs")
    @RolesAllowed({ Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "Estimated monthly cost by type, region and (optionally) a tag's values")
    public CostTotals costs(@PathParam("id") String id, @QueryParam("tag_key") String tagKey) {
        return store.costs(existing(id), ResourceFilter.noNul("tag_key", blankToNull(tagKey)));
    }

    @GET
    @Path("{from}/diff/{to}")
    @RolesAllowed({ Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "What changed between two scans", description = "New, gone and changed resources (at most 1000 of each listed; the counts are complete) and the cost delta.")
    public DiffView diff(@PathParam("from") String from, @PathParam("to") String to) {
        ScanView a = scans.find(scanId(from), false).orElseThrow(() -> noScan(from));
        ScanView b = scans.find(scanId(to), false).orElseThrow(() -> noScan(to));
        BigDecimal delta = a.totalMonthlyCost() == null || b.totalMonthlyCost() == null ? null
                : b.totalMonthlyCost().subtract(a.totalMonthlyCost());
        return new DiffView(store.diff(a.id(), b.id(), MAX_DIFF_ITEMS), delta);
    }

    public record DiffView(ScanDiff diff, BigDecimal costDelta) {
    }

    private List<ResourceType> parseTypes(List<String> ids) {
        return ids == null ? List.of() : ids.stream().map(t -> types.parse(t)
                .orElseThrow(() -> new InvalidParameterException("type", "unknown resource type '" + t + "'"))).toList();
    }

    /** A cost bound as given; ResourceFilter checks its range. */
    private static BigDecimal cost(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(parameter, parameter + " must be a number");
        }
    }

    private static boolean descending(String order) {
        if (!"asc".equalsIgnoreCase(order) && !"desc".equalsIgnoreCase(order)) {
            throw new InvalidParameterException("order", "order must be asc or desc");
        }
        return "desc".equalsIgnoreCase(order);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static UUID scanId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("id", "a scan id is a UUID");
        }
    }

    private UUID existing(String id) {
        return scans.find(scanId(id), false).orElseThrow(() -> noScan(id)).id();
    }

    private static NotFoundException noScan(String id) {
        return new NotFoundException("no scan " + id);
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }
}
