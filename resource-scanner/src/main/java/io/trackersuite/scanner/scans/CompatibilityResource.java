package io.trackersuite.scanner.scans;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonAlias;

import io.quarkus.security.identity.SecurityIdentity;
import io.trackersuite.api.InvalidParameterException;
import io.trackersuite.scanner.security.Roles;

/** The original synchronous API, kept as thin wrappers over scan jobs and the stored inventory. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Compatibility", description = "Synchronous forms of the original API")
public class CompatibilityResource {

    /** How long the synchronous scan waits before answering 503 (the job goes on and stays queryable). */
    private static final long SYNC_SCAN_WAIT_MINUTES = 10;

    private final ScanService scans;
    private final ScanStore store;
    private final ScanConfig config;
    private final SecurityIdentity identity;

    public CompatibilityResource(ScanService scans, ScanStore store, ScanConfig config, SecurityIdentity identity) {
        this.scans = scans;
        this.store = store;
        this.config = config;
        this.identity = identity;
    }

    public record SyncScanResult(ScanView scan, CostTotals summary, ResourcePage resources) {
    }

    @POST
    @Path("scan")
    @RolesAllowed({ Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "Scan and wait", description = "Runs a scan job and answers with its first 500 resources and totals.")
    public SyncScanResult scan(ScanRequest request) throws InterruptedException {
        ScanPlan plan = (request == null ? new ScanRequest() : request).toPlan(config);
        ScanService.Started started = scans.start(plan, identity.getPrincipal().getName(), "api");
        try {
            started.done().get(SYNC_SCAN_WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            throw new ServiceUnavailableException("scan " + started.id() + " is still running; follow GET /api/v1/scans/"
                    + started.id());
        } catch (ExecutionException e) {
            throw new IllegalStateException("scan job failed", e.getCause());
        }
        return new SyncScanResult(scans.find(started.id(), true).orElseThrow(), store.costs(started.id(), null),
                store.resources(started.id(), new ResourceFilter(null, null, null, null, null, null, null, null,
                        null, false, 0, ResourceFilter.MAX_PAGE_SIZE)));
    }

    /** Body of the original filter call; {@code scan_id} defaults to the newest completed scan. */
    public static class FilterRequest {
        @JsonAlias("scanId")
        public UUID scanId;
        @JsonAlias("resourceTypes")
        public List<String> resourceTypes;
        public List<String> regions;
        public List<String> states;
        public Map<String, String> tags;
        public String name;
        @JsonAlias("minCost")
        public BigDecimal minCost;
        @JsonAlias("maxCost")
        public BigDecimal maxCost;
        public String sort;
        public String order;
        public Integer page;
        public Integer size;
    }

    @POST
    @Path("resources/filter")
    @RolesAllowed({ Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN })
    @Operation(summary = "Filter stored resources", description = "One tag pair at most; use GET /api/v1/scans/{id}/resources for more.")
    public ResourcePage filter(FilterRequest request) {
        FilterRequest f = request == null ? new FilterRequest() : request;
        UUID scan = f.scanId != null ? scans.find(f.scanId, false).orElseThrow(() -> new NotFoundException(
                "no scan " + f.scanId)).id()
                : scans.latestCompleted().orElseThrow(() -> new NotFoundException("no completed scan yet"));
        if (f.tags != null && f.tags.size() > 1) {
            throw new InvalidParameterException("tags", "filter by one tag at a time");
        }
        Map.Entry<String, String> tag = f.tags == null || f.tags.isEmpty() ? null : f.tags.entrySet().iterator().next();
        return store.resources(scan, new ResourceFilter(ScanResource.types(f.resourceTypes), f.regions, f.states,
                tag == null ? null : tag.getKey(), tag == null || tag.getValue() == null || tag.getValue().isEmpty()
                        ? null : tag.getValue(),
                ScanResource.blankToNull(f.name), f.minCost, f.maxCost, ScanResource.blankToNull(f.sort),
                ScanResource.descending(f.order == null ? "asc" : f.order), f.page == null ? 0 : f.page,
                f.size == null ? 50 : f.size));
    }
}
