package io.trackersuite.monitoring.visits;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.trackersuite.api.QueryParameters;
import io.trackersuite.security.Roles;

/**
 * The original Node tracker's visitor analytics, under its paths and in its shapes, from the visits session-service
 * records. {@code isp} is the holder of the visit's autonomous system. What the suite does not record is {@code null}
 * rather than guessed: proxy and Tor apart from VPN (our {@code vpn} flag covers VPN operators and the configured VPN,
 * proxy and Tor lists together) and coordinates.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Transactional
@Tag(name = "Visitor analytics (original API)", description = "The Node tracker's dashboard, IP analytics, fraud alerts and stats")
public class VisitorAnalyticsResource {

    private static final Map<String, Duration> TIMEFRAMES = Map.of("1h", Duration.ofHours(1), "6h", Duration.ofHours(6),
            "24h", Duration.ofHours(24), "7d", Duration.ofDays(7));
    private static final Duration DAY = Duration.ofHours(24);

    private final VisitorAnalytics analytics;

    public VisitorAnalyticsResource(VisitorAnalytics analytics) {
        this.analytics = analytics;
    }

    public record Pagination(int currentPage, Integer totalPages, Long totalItems, int itemsPerPage) {

        static Pagination of(int page, int limit, Long total) {
            return new Pagination(page, total == null ? null : (int) ((total + limit - 1) / limit), total, limit);
        }
    }

    public record RecentVisit(String ip, String website, String country, String city, boolean isVpn, String userAgent,
            Instant timestamp) {
    }

    public record WebsiteStat(String website, long totalVisits, long uniqueVisitors, long countries) {
    }

    public record IpStat(String ip, long totalVisits, long websitesCount, String country, String city, boolean isVpn,
            Instant lastVisit) {
    }

    public record DashboardData(List<RecentVisit> recentVisits, List<WebsiteStat> websiteStats, List<IpStat> ipStats,
            long totalVisits24h) {
    }

    public record Dashboard(boolean success, Pagination pagination, DashboardData data) {
    }

    @GET
    @Path("dashboard")
    @Operation(summary = "The last 24 h: recent visits (paged), top 20 pages, top 50 addresses")
    public Dashboard dashboard(@QueryParam("page") String page, @QueryParam("limit") String limit) {
        int p = QueryParameters.integer("page", page, 1, 1, 100_000);
        int size = QueryParameters.integer("limit", limit, 50, 1, 100);
        Instant since = Instant.now().minus(DAY);
        long total = analytics.totals(since).visits();
        List<RecentVisit> recent = analytics.recent(since, (p - 1) * size, size).stream()
                .map(v -> new RecentVisit(v.ip, v.page, v.country, v.city, v.vpn, v.userAgent, v.visitTime)).toList();
        List<WebsiteStat> pages = analytics.pages(since, 20).stream()
                .map(a -> new WebsiteStat(a.page(), a.visits(), a.uniqueVisitors(), a.countries())).toList();
        List<IpStat> addresses = analytics.busiest(since, 50).stream().map(VisitorAnalytics.Scored::activity)
                .map(a -> new IpStat(a.ip(), a.visits(), a.pageCount(), a.country(), a.city(), a.vpn(), a.lastSeen()))
                .toList();
        return new Dashboard(true, Pagination.of(p, size, total), new DashboardData(recent, pages, addresses, total));
    }

    public record Coordinates(Double lat, Double lon) {
    }

    public record Location(String country, String city, Coordinates coordinates) {
    }

    public record Security(boolean isVpn, Boolean isProxy, Boolean isTor, String riskLevel) {
    }

    public record IpAnalytics(String ip, long totalVisits, long websiteCount, Location location, String isp,
            Security security, int fraudScore) {
    }

    public record Summary(long totalVisits, long uniqueIPs, long uniqueWebsites, long uniqueCountries, long vpnVisits,
            Long proxyVisits, Long torVisits, double securityThreatPercentage) {

        static Summary of(VisitorAnalytics.Totals t) {
            return new Summary(t.visits(), t.uniqueIps(), t.uniquePages(), t.uniqueCountries(), t.vpnVisits(), null,
                    null, t.visits() == 0 ? 0 : Math.round(t.vpnVisits() * 10_000.0 / t.visits()) / 100.0);
        }
    }

    public record IpComprehensive(boolean success, String timeframe, Pagination pagination, Summary summary,
            List<IpAnalytics> ipAnalytics) {
    }

    @GET
    @Path("ip-comprehensive")
    @Operation(summary = "Per address over 1h, 6h, 24h or 7d: visits, pages, location, VPN, risk score (highest first)")
    public IpComprehensive ipComprehensive(@QueryParam("timeframe") String timeframe, @QueryParam("page") String page,
            @QueryParam("limit") String limit) {
        String frame = timeframe == null || timeframe.isBlank() ? "24h"
                : QueryParameters.oneOf("timeframe", timeframe, List.of("1h", "6h", "24h", "7d"));
        int p = QueryParameters.integer("page", page, 1, 1, 100_000);
        int size = QueryParameters.integer("limit", limit, 25, 1, 50);
        Instant since = Instant.now().minus(TIMEFRAMES.get(frame));
        List<IpAnalytics> rows = analytics.byAnalyticsScore(since, (p - 1) * size, size).stream().map(s -> {
            VisitorAnalytics.AddressActivity a = s.activity();
            return new IpAnalytics(a.ip(), a.visits(), a.pageCount(),
                    new Location(a.country(), a.city(), new Coordinates(null, null)), a.isp(),
                    new Security(a.vpn(), null, null, a.vpn() ? "MEDIUM" : "LOW"), s.score());
        }).toList();
        VisitorAnalytics.Totals totals = analytics.totals(since);
        return new IpComprehensive(true, frame, Pagination.of(p, size, totals.uniqueIps()), Summary.of(totals), rows);
    }

    public record FraudLocation(String country, String city) {
    }

    public record Suspicious(boolean multipleUserAgents) {
    }

    public record ActivityPattern(Instant firstSeen, Instant lastSeen) {
    }

    public record FraudAlert(String ip, long visits, long websiteCount, List<String> websites, FraudLocation location,
            String isp, Security security, Suspicious suspicious, int fraudScore, ActivityPattern activityPattern) {
    }

    public record FraudAlerts(boolean success, Pagination pagination, List<FraudAlert> fraudAlerts, int alertCount) {
    }

    @GET
    @Path("fraud-alerts")
    @Operation(summary = "Addresses of the last 24 h with a fraud score of at least minScore (50), 15+ visits or 4+ pages")
    public FraudAlerts fraudAlerts(@QueryParam("page") String page, @QueryParam("limit") String limit,
            @QueryParam("minScore") String minScore) {
        int p = QueryParameters.integer("page", page, 1, 1, 100_000);
        int size = QueryParameters.integer("limit", limit, 20, 1, 50);
        int min = QueryParameters.integer("minScore", minScore, 50, 0, 100);
        List<FraudAlert> alerts = analytics.fraudAlerts(Instant.now().minus(DAY), min, (p - 1) * size, size).stream()
                .map(s -> {
                    VisitorAnalytics.AddressActivity a = s.activity();
                    return new FraudAlert(a.ip(), a.visits(), a.pageCount(), a.pages(),
                            new FraudLocation(a.country(), a.city()), a.isp(), new Security(a.vpn(), null, null, null),
                            new Suspicious(a.userAgents() > 2), s.score(), new ActivityPattern(a.firstSeen(), a.lastSeen()));
                }).toList();
        return new FraudAlerts(true, new Pagination(p, null, null, size), alerts, alerts.size());
    }

    public record Stats(boolean success, String timeframe, Summary stats, Instant generatedAt) {
    }

    @GET
    @Path("stats")
    @Operation(summary = "Visit totals over 1h, 6h, 24h (default) or 7d")
    public Stats stats(@QueryParam("timeframe") String timeframe) {
        String frame = timeframe == null || timeframe.isBlank() ? "24h"
                : QueryParameters.oneOf("timeframe", timeframe, List.of("1h", "6h", "24h", "7d"));
        return new Stats(true, frame, Summary.of(analytics.totals(Instant.now().minus(TIMEFRAMES.get(frame)))),
                Instant.now());
    }
}
