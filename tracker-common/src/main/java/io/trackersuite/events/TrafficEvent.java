package io.trackersuite.events;

import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One second of the gateway's traffic, aggregated in memory (never one event per request).
 *
 * @param instance the gateway replica that served it
 * @param routes one entry per route group that saw requests in that second
 */
@RegisterForReflection // read and written as JSON by every service, also in the native image
public record TrafficEvent(int v, String id, Instant time, String instance, List<RouteTraffic> routes)
        implements TrackerEvent {

    /** Upper bounds, in milliseconds, of the latency histogram buckets; a last, open bucket catches the rest. */
    public static final List<Integer> LATENCY_BUCKETS_MS = List.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000);

    /**
     * @param routeGroup e.g. {@code presence}, {@code sessions}, {@code scanner}, {@code ui}
     * @param errors responses with status 500 or above
     * @param latencyBuckets counts per {@link #LATENCY_BUCKETS_MS} bucket, plus one for the open bucket
     */
    @RegisterForReflection
    public record RouteTraffic(String routeGroup, long requests, long errors, double latencySumMs,
            List<Long> latencyBuckets) {
    }
}
