package io.trackersuite.monitoring.traffic;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.trackersuite.api.QueryParameters;
import io.trackersuite.monitoring.sessions.SessionRepository;
import io.trackersuite.monitoring.sessions.SessionsConfig;
import io.trackersuite.security.Roles;

/** Traffic figures from the gateway's per-second TRAFFIC events, stored as per-minute aggregates. Admin only. */
@Path("/api/traffic")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Traffic", description = "Requests per second, latency, errors and active users")
public class TrafficResource {

    /**
     * Now: active users from login sessions; requests/s, latency and error rate over the previous full minute plus
     * the current minute so far; requests since midnight UTC.
     */
    public record Current(long activeUsers, double requestsPerSecond, Double averageResponseMs, Double p95ResponseMs,
            long requestsToday, double errorRate, Instant generatedAt) {

        // The original monitoring's names for four of the figures, kept beside ours for its dashboards and scripts.
        @JsonProperty("active_users")
        public long seedActiveUsers() {
            return activeUsers;
        }

        @JsonProperty("current_rps")
        public double seedCurrentRps() {
            return requestsPerSecond;
        }

        /** Milliseconds, as in the original. */
        @JsonProperty("avg_response_time")
        public Double seedAverageResponseTime() {
            return averageResponseMs;
        }

        /** Requests today (since midnight UTC), as the original counted them. */
        @JsonProperty("total_requests")
        public long seedTotalRequests() {
            return requestsToday;
        }
    }

    /** One minute of the dashboard chart; {@code activeUsers} is null where no sample was taken. */
    public record Point(Instant minute, long requests, double requestsPerSecond, long errors, Double averageResponseMs,
            Double p95ResponseMs, Long activeUsers) {
    }

    private final TrafficRepository traffic;
    private final SessionRepository sessions;
    private final SessionsConfig sessionsConfig;

    public TrafficResource(TrafficRepository traffic, SessionRepository sessions, SessionsConfig sessionsConfig) {
        this.traffic = traffic;
        this.sessions = sessions;
        this.sessionsConfig = sessionsConfig;
    }

    @GET
    @Path("/current")
    @Operation(summary = "Active users, requests/s, average and p95 response time, requests today, error rate")
    public Current current() {
        Instant now = Instant.now();
        Instant previousMinute = TrafficRepository.minuteOf(now).minus(Duration.ofMinutes(1));
        Totals totals = new Totals();
        traffic.minutesSince(previousMinute).forEach(totals::add);
        double seconds = Duration.between(previousMinute, now).toMillis() / 1000.0;
        long activeUsers = sessions.activeFigures(sessionsConfig.activeWindowMinutes()).activeUsers();
        Instant midnight = now.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        return new Current(activeUsers, round(totals.requests / seconds), totals.average(), totals.p95(),
                traffic.requestsSince(midnight), totals.requests == 0 ? 0 : round((double) totals.errors / totals.requests), now);
    }

    @GET
    @Path("/live")
    @Operation(summary = "Per-minute series for the last `minutes` (default 60): requests/s, latency, errors, active users")
    public List<Point> live(@QueryParam("minutes") String minutes) {
        int span = QueryParameters.integer("minutes", minutes, 60, 1, 1440);
        Instant currentMinute = TrafficRepository.minuteOf(Instant.now());
        Instant from = currentMinute.minus(Duration.ofMinutes(span - 1L));
        Map<Instant, Totals> byMinute = new LinkedHashMap<>();
        for (Instant m = from; !m.isAfter(currentMinute); m = m.plus(Duration.ofMinutes(1))) {
            byMinute.put(m, new Totals());
        }
        traffic.minutesSince(from).forEach(row -> byMinute.computeIfAbsent(row.minute(), m -> new Totals()).add(row));
        Map<Instant, Long> activeUsers = new HashMap<>();
        traffic.activeUserSamplesSince(from).forEach(row ->
                activeUsers.put(TrafficRepository.instant(row[0]), ((Number) row[1]).longValue()));
        List<Point> points = new ArrayList<>(byMinute.size());
        byMinute.forEach((minute, totals) -> points.add(new Point(minute, totals.requests, round(totals.requests / 60.0),
                totals.errors, totals.average(), totals.p95(), activeUsers.get(minute))));
        return points;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static final class Totals {
        long requests;
        long errors;
        double latencySumMs;
        final LatencyHistogram histogram = new LatencyHistogram();

        void add(TrafficRepository.MinuteRow row) {
            requests += row.requests();
            errors += row.errors();
            latencySumMs += row.latencySumMs();
            histogram.add(row.buckets());
        }

        Double average() {
            return requests == 0 ? null : round(latencySumMs / requests);
        }

        Double p95() {
            Double p95 = histogram.percentile(0.95);
            return p95 == null ? null : round(p95);
        }
    }
}
