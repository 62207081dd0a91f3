package io.trackersuite.gateway.traffic;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.quarkus.scheduler.Scheduled;
import io.trackersuite.events.TrackerEvent;
import io.trackersuite.events.TrafficEvent;
import io.trackersuite.gateway.events.EventPublisher;

/**
 * Counts requests per route group in memory and publishes one TRAFFIC event per second that saw traffic (never one
 * event per request), and times each request in {@code gateway_requests_seconds} tagged by route group and status
 * class only (a bounded set of labels, unlike raw paths).
 */
@Singleton
public class TrafficRecorder {

    private static final List<Integer> BUCKETS = TrafficEvent.LATENCY_BUCKETS_MS;

    /** One second of one route group; swapped out whole when published, so no request is counted twice. */
    private static final class Second {
        final LongAdder requests = new LongAdder();
        final LongAdder errors = new LongAdder();
        final DoubleAdder latencySumMs = new DoubleAdder();
        final AtomicLongArray buckets = new AtomicLongArray(BUCKETS.size() + 1);
    }

    private final EventPublisher events;
    private final TrafficConfig config;
    private volatile Map<String, Second> current = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public TrafficRecorder(EventPublisher events, TrafficConfig config, MeterRegistry registry) {
        this.events = events;
        this.config = config;
        this.registry = registry;
    }

    public void record(String routeGroup, int status, long durationNanos) {
        String statusClass = (status / 100) + "xx";
        timers.computeIfAbsent(routeGroup + ' ' + statusClass, key -> Timer.builder("gateway.requests")
                .description("Requests through the gateway, by route group and status class")
                .tag("route", routeGroup).tag("status", statusClass)
                .publishPercentileHistogram().register(registry))
                .record(durationNanos, TimeUnit.NANOSECONDS);
        Second second = current.computeIfAbsent(routeGroup, group -> new Second());
        double millis = durationNanos / 1_000_000.0;
        second.requests.increment();
        if (status >= 500) {
            second.errors.increment();
        }
        second.latencySumMs.add(millis);
        int bucket = 0;
        while (bucket < BUCKETS.size() && millis > BUCKETS.get(bucket)) {
            bucket++;
        }
        second.buckets.incrementAndGet(bucket);
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publish() {
        Map<String, Second> finished = current;
        current = new ConcurrentHashMap<>();
        if (finished.isEmpty() || !config.enabled()) {
            return;
        }
        List<TrafficEvent.RouteTraffic> routes = new ArrayList<>();
        finished.forEach((group, second) -> {
            List<Long> buckets = new ArrayList<>(second.buckets.length());
            for (int i = 0; i < second.buckets.length(); i++) {
                buckets.add(second.buckets.get(i));
            }
            routes.add(new TrafficEvent.RouteTraffic(group, second.requests.sum(), second.errors.sum(),
                    second.latencySumMs.sum(), buckets));
        });
        events.fire(new TrafficEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), config.instance(), routes));
    }
}
