package io.trackersuite.monitoring.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.events.ActivityEvent;
import io.trackersuite.events.EventStreams;
import io.trackersuite.events.LoginEvent;
import io.trackersuite.events.LogoutEvent;
import io.trackersuite.events.TrackerEvent;
import io.trackersuite.events.TrafficEvent;
import io.trackersuite.events.VisitEvent;
import io.trackersuite.monitoring.Fixtures;
import io.trackersuite.testing.DirectInfraResource;
import io.trackersuite.testing.TestTokens;

/**
 * Not a test: figures for the README's benchmark command (deploy/bench/monitoring.sh), which runs it on demand.
 * <ol>
 * <li>Ingest: producers publish a mix of events at a fixed rate for a fixed time while the consumer applies them;
 * reported are the offered and applied rates, the backlog left when the producers stop, and whether every event
 * is in PostgreSQL (counts compared at the end).</li>
 * <li>Query: with 1,000,000 ended sessions and 10,000 active ones, {@code GET /api/sessions/active} is called
 * sequentially; reported are p50/p99/max latency.</li>
 * </ol>
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(MonitoringBenchmark.ProductionSettings.class)
@WithTestResource(DirectInfraResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class MonitoringBenchmark {

    /** The production values of what the test profile changes for determinism. */
    public static class ProductionSettings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("monitoring.sessions.figures-max-age", "1s");
        }
    }

    private static final int RATE = Integer.getInteger("bench.rate", 6_000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final int HISTORY_ROWS = Integer.getInteger("bench.history", 1_000_000);
    private static final int ACTIVE_ROWS = Integer.getInteger("bench.active", 10_000);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 2_000);

    @Inject
    Fixtures fixtures;

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/api/sessions/active?minutes=5")
    URI activeUsers;

    @Test
    void ingestAndQuery() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        fixtures.reset();
        ingest(figures);
        fixtures.reset();
        query(figures);
        String line = json.writeValueAsString(figures);
        Files.writeString(Path.of("target", "benchmark.json"), line + System.lineSeparator());
        System.out.println("BENCHMARK " + line);
    }

    /** Every 10 ms each producer publishes its share; one event in ten logs in, then activity, logouts, visits, traffic. */
    private void ingest(Map<String, Object> figures) throws Exception {
        int producers = 4;
        long total = (long) RATE * SECONDS;
        AtomicLong logins = new AtomicLong();
        AtomicLong logouts = new AtomicLong();
        AtomicLong visits = new AtomicLong();
        AtomicLong trafficRequests = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        Instant base = Instant.now().minusSeconds(60);
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            running.add(pool.submit(() -> {
                var streams = redis.stream(String.class);
                long perProducer = total / producers;
                long perTick = Math.max(1, RATE / producers / 100);
                for (long i = 0; i < perProducer; i++) {
                    if (i % perTick == 0) {
                        long due = started + (i / perTick) * 10_000_000L;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                    long n = i * producers + producer;
                    String session = "bench-" + (n / 10);
                    Instant time = base.plusMillis(n / 100);
                    TrackerEvent event = switch ((int) (n % 10)) {
                        case 0 -> {
                            logins.incrementAndGet();
                            yield new LoginEvent(1, UUID.randomUUID().toString(), time, session, "u" + (n / 10 % 5000),
                                    "user" + (n / 10 % 5000), List.of(n % 3 == 0 ? "teacher" : "student"), "198.51.100." + (n % 250),
                                    Fixtures.CHROME_ON_WINDOWS);
                        }
                        case 9 -> {
                            logouts.incrementAndGet();
                            yield new LogoutEvent(1, UUID.randomUUID().toString(), time.plusSeconds(5), session);
                        }
                        case 7 -> {
                            visits.incrementAndGet();
                            yield new VisitEvent(1, UUID.randomUUID().toString(), time, "192.0.2." + (n % 250), "DE", null,
                                    false, Fixtures.CHROME_ON_WINDOWS, "/", false, false, null, null);
                        }
                        case 8 -> {
                            trafficRequests.addAndGet(10);
                            Long[] buckets = new Long[TrafficEvent.LATENCY_BUCKETS_MS.size() + 1];
                            Arrays.fill(buckets, 0L);
                            buckets[1] = 10L;
                            yield new TrafficEvent(1, UUID.randomUUID().toString(), time, "gw-" + producer,
                                    List.of(new TrafficEvent.RouteTraffic("presence", 10, 0, 80, List.of(buckets))));
                        }
                        default -> new ActivityEvent(1, UUID.randomUUID().toString(), time.plusSeconds(1), session);
                    };
                    streams.xadd(EventStreams.EVENTS, Map.of(EventStreams.FIELD, json.writeValueAsString(event)));
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double produceSeconds = (System.nanoTime() - started) / 1e9;
        long backlogAtEnd = lag();
        while (lag() > 0 || fixtures.pending() > 0) {
            Thread.sleep(20);
        }
        double applySeconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();

        long sessionRows = fixtures.count("select count(*) from user_sessions where username is not null");
        long endedRows = fixtures.count("select count(*) from user_sessions where end_reason = 'LOGOUT'");
        long visitRows = fixtures.count("select count(*) from visits");
        long requests = fixtures.count("select coalesce(sum(requests), 0) from traffic_minutes");
        boolean nothingLost = sessionRows == logins.get() && endedRows == logouts.get() && visitRows == visits.get()
                && requests == trafficRequests.get();
        figures.put("ingest_events", total);
        figures.put("ingest_offered_per_s", Math.round(total / produceSeconds));
        figures.put("ingest_applied_per_s", Math.round(total / applySeconds));
        figures.put("ingest_backlog_when_producers_stopped", backlogAtEnd);
        figures.put("ingest_drain_after_producers_s", Math.round((applySeconds - produceSeconds) * 1000) / 1000.0);
        figures.put("ingest_nothing_lost", nothingLost);
        assertThat(nothingLost).as("every event applied: sessions %d/%d, logouts %d/%d, visits %d/%d, requests %d/%d",
                sessionRows, logins.get(), endedRows, logouts.get(), visitRows, visits.get(), requests, trafficRequests.get())
                .isTrue();
    }

    private void query(Map<String, Object> figures) throws Exception {
        fixtures.update("""
                insert into user_sessions (session_id, user_id, username, role, roles, ip, user_agent, browser, os, device,
                                           login_time, last_activity, logout_time, end_reason, active)
                select 'hist-' || g, 'u' || (g % 50000), 'user' || (g % 50000),
                       (array['student','teacher','admin','viewer'])[1 + g % 4], 'student', '198.51.100.' || (g % 250),
                       'Mozilla/5.0', 'Chrome 120', 'Windows 10', 'desktop',
                       now() - make_interval(mins => g % 500000), now() - make_interval(mins => g % 500000),
                       now() - make_interval(mins => g % 500000) + interval '20 minutes', 'LOGOUT', false
                from generate_series(1, {rows}) g""".replace("{rows}", String.valueOf(HISTORY_ROWS)));
        fixtures.update("""
                insert into user_sessions (session_id, user_id, username, role, roles, ip, user_agent, browser, os, device,
                                           login_time, last_activity, active)
                select 'live-' || g, 'u' || g, 'live' || g, (array['student','teacher','admin'])[1 + g % 3], 'student',
                       '203.0.113.' || (g % 250), 'Mozilla/5.0', 'Chrome 120', 'Windows 10', 'desktop',
                       now() - interval '1 hour', now() - make_interval(secs => g % 60), true
                from generate_series(1, {rows}) g""".replace("{rows}", String.valueOf(ACTIVE_ROWS)));
        // the freshly loaded rows are vacuumed now, not by autovacuum in the middle of the measurement
        fixtures.update("vacuum analyze user_sessions");

        HttpClient client = HttpClient.newHttpClient();
        String bearer = "Bearer " + TestTokens.bearer("bench", "admin");
        long[] full = measure(client, HttpRequest.newBuilder(activeUsers).header("Authorization", bearer).build());
        long[] countsOnly = measure(client, HttpRequest.newBuilder(URI.create(activeUsers + "&limit=0"))
                .header("Authorization", bearer).build());
        long[] noWork = measure(client, HttpRequest.newBuilder(activeUsers.resolve("/q/health/live")).build());
        String last = client.send(HttpRequest.newBuilder(activeUsers).header("Authorization", bearer).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        figures.put("query_history_rows", HISTORY_ROWS);
        figures.put("query_active_sessions", ACTIVE_ROWS);
        figures.put("query_active_users_reported", json.readTree(last).get("activeUsers").asLong());
        figures.put("query_requests", REQUESTS);
        figures.put("query_active_p50_ms", percentile(full, 0.50));
        figures.put("query_active_p99_ms", percentile(full, 0.99));
        figures.put("query_active_max_ms", percentile(full, 1.0));
        figures.put("query_active_counts_only_p50_ms", percentile(countsOnly, 0.50));
        figures.put("query_active_counts_only_p99_ms", percentile(countsOnly, 0.99));
        figures.put("http_baseline_health_live_p50_ms", percentile(noWork, 0.50));
        figures.put("http_baseline_health_live_p99_ms", percentile(noWork, 0.99));
    }

    /** Sequential requests after a warm-up; sorted latencies in microseconds. */
    private static long[] measure(HttpClient client, HttpRequest request) throws Exception {
        for (int i = 0; i < 300; i++) {
            client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        long[] micros = new long[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            micros[i] = (System.nanoTime() - start) / 1000;
            assertThat(response.statusCode()).isEqualTo(200);
        }
        Arrays.sort(micros);
        return micros;
    }

    private static double percentile(long[] sortedMicros, double share) {
        int index = Math.min(sortedMicros.length - 1, (int) (sortedMicros.length * share));
        return sortedMicros[index] / 1000.0;
    }

    /** Entries of the stream not yet delivered to the group (Redis 7 XINFO GROUPS "lag"). */
    private long lag() {
        var groups = redis.execute("XINFO", "GROUPS", EventStreams.EVENTS);
        for (var group : groups) {
            if ("monitoring-service".equals(group.get("name").toString())) {
                var lag = group.get("lag");
                return lag == null ? 0 : lag.toLong();
            }
        }
        return 0;
    }
}
