package io.trackersuite.monitoring.visits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.trackersuite.api.InvalidParameterException;
import io.trackersuite.monitoring.api.Cursor;
import io.trackersuite.api.QueryParameters;
import io.trackersuite.security.Roles;

/** Visit history from session-service's VISIT events, and its summary with fraud alerts. Admin only. */
@Path("/api/visits")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Visits", description = "Visits by country, VPN share, duplicates and fraud alerts")
public class VisitResource {

    public record VisitPage(List<Visit> items, String nextCursor) {
    }

    /**
     * Over the last {@code hours}: counted visits, duplicates suppressed by session-service's window, distinct IPs,
     * the VPN/proxy and hosting shares of counted visits, visits by country ("??" = unknown), the busiest networks
     * (autonomous systems, null = unknown) and fraud alerts.
     */
    public record Summary(int hours, long visits, long duplicatesSuppressed, long uniqueIps, double vpnShare,
            double hostingShare, List<VisitRepository.CountryCount> byCountry,
            List<VisitRepository.NetworkCount> byNetwork, List<VisitRepository.FraudAlert> fraudAlerts) {
    }

    private static final int NETWORKS_IN_SUMMARY = 10;

    private final VisitRepository visits;
    private final VisitsConfig config;

    public VisitResource(VisitRepository visits, VisitsConfig config) {
        this.visits = visits;
        this.config = config;
    }

    @GET
    @Operation(summary = "Visits, newest first, filtered by ip, country, vpn, hosting, asn and time, with keyset pagination")
    public VisitPage history(@QueryParam("ip") String ip, @QueryParam("country") String country,
            @QueryParam("vpn") String vpn, @QueryParam("hosting") String hosting, @QueryParam("asn") String asn,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Instant fromTime = QueryParameters.instant("from", from);
        Instant toTime = QueryParameters.instant("to", to);
        QueryParameters.range("from", fromTime, toTime);
        String vpnValue = QueryParameters.oneOf("vpn", vpn, List.of("true", "false"));
        String hostingValue = QueryParameters.oneOf("hosting", hosting, List.of("true", "false"));
        Integer asnValue = asn == null || asn.isBlank() ? null : QueryParameters.integer("asn", asn, 0, 1, Integer.MAX_VALUE);
        String countryValue = QueryParameters.text("country", country, 2);
        if (countryValue != null && !countryValue.matches("[A-Za-z]{2}")) {
            throw new InvalidParameterException("country", "'country' must be an ISO 3166-1 alpha-2 code");
        }
        String ipValue = QueryParameters.text("ip", ip, 45);
        if (ipValue != null && !ipValue.matches("[0-9a-fA-F:.]+")) {
            throw new InvalidParameterException("ip", "'ip' must be an IPv4 or IPv6 address");
        }
        int pageSize = QueryParameters.integer("limit", limit, 50, 1, 500);
        List<Visit> page = visits.history(new VisitRepository.VisitFilter(ipValue,
                countryValue == null ? null : countryValue.toUpperCase(Locale.ROOT),
                vpnValue == null ? null : Boolean.valueOf(vpnValue),
                hostingValue == null ? null : Boolean.valueOf(hostingValue), asnValue, fromTime, toTime),
                Cursor.decode("cursor", cursor), pageSize);
        String next = page.size() < pageSize ? null
                : new Cursor(page.get(page.size() - 1).visitTime, page.get(page.size() - 1).id).encode();
        return new VisitPage(page, next);
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Visits by country and network, VPN and hosting shares, duplicates suppressed and fraud alerts over the last `hours`")
    public Summary summary(@QueryParam("hours") String hours) {
        int span = QueryParameters.integer("hours", hours, 24, 1, 24 * 90);
        Instant since = Instant.now().minus(Duration.ofHours(span));
        long[] totals = visits.totalsSince(since);
        Instant alertSince = Instant.now().minus(config.alertWindow());
        List<VisitRepository.FraudAlert> alerts = new ArrayList<>(visits.manyUsersFromOneIp(alertSince, config.usersPerIpAlert()));
        alerts.addAll(visits.oneUserManyCountries(alertSince, config.countriesPerUserAlert()));
        return new Summary(span, totals[0], totals[1], totals[3], share(totals[2], totals[0]), share(totals[4], totals[0]),
                visits.byCountrySince(since), visits.byNetworkSince(since, NETWORKS_IN_SUMMARY), alerts);
    }

    /** Part of the whole, rounded to three decimals; 0 when there is no whole. */
    private static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
    }
}
