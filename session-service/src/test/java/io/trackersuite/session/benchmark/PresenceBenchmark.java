package io.trackersuite.session.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.trackersuite.session.cluster.ServiceInstance;
import io.trackersuite.testing.ServiceProcess;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * Presence under load, on this machine, JVM mode, service processes started from the packaged jar and a Vert.x
 * load generator in this JVM (loopback only). Run by deploy/bench/presence.sh; writes target/benchmark.json.
 * <ol>
 * <li>capacity: {@code bench.connections} (10,000) connections held with heartbeats, service RSS measured;</li>
 * <li>fan-out: {@code bench.observers} (2,000) connected, {@code bench.joins-per-s} (50) joins/s; per join, the time
 * until every observer has it (and per observer-join pair);</li>
 * <li>cross-instance: joins on a second instance, {@code bench.cross-observers} (1,000) observers on the first.</li>
 * </ol>
 */
@Tag("benchmark")
class PresenceBenchmark {

    static final int CONNECTIONS = Integer.getInteger("bench.connections", 10_000);
    static final int OBSERVERS = Integer.getInteger("bench.observers", 2_000);
    static final int CROSS_OBSERVERS = Integer.getInteger("bench.cross-observers", 1_000);
    static final int JOINS_PER_S = Integer.getInteger("bench.joins-per-s", 50);
    static final int JOIN_SECONDS = Integer.getInteger("bench.join-seconds", 20);
    static final int HOLD_SECONDS = Integer.getInteger("bench.hold-seconds", 30);
    static final String MARK = "bench-join-";

    static final Map<String, String> SETTINGS = Map.of(
            "PRESENCE_MAX_CONNECTIONS", "20000",
            "PRESENCE_MAX_CONNECTIONS_PER_IP", "20000",
            "PRESENCE_HEARTBEAT_INTERVAL", "30s",
            "PRESENCE_HEARTBEAT_TIMEOUT", "300s");

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private final WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
            .setMaxConnections(100_000).setConnectTimeout(30_000));
    private final Map<String, Object> figures = new LinkedHashMap<>();

    @Test
    void presenceUnderLoad() throws Exception {
        ServiceInstance.clearPresence();
        try (ServiceProcess a = ServiceInstance.start("bench-a", SETTINGS)) {
            capacity(a);
            try (ServiceProcess b = ServiceInstance.start("bench-b", SETTINGS)) {
                List<WebSocket> observers = connectMany(a, OBSERVERS);
                figures.put("fanout_observers", observers.size());
                latency("fanout", a, observers);
                // cross-instance latency on its own, with the observers it asks for (1,000 by default) kept open
                observers.subList(CROSS_OBSERVERS, observers.size()).forEach(WebSocket::close);
                List<WebSocket> crossObservers = observers.subList(0, CROSS_OBSERVERS);
                Thread.sleep(3_000);
                figures.put("cross_instance_observers", crossObservers.size());
                latency("cross_instance", b, crossObservers);
                crossObservers.forEach(WebSocket::close);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        String line = toJson(figures);
        Files.writeString(Path.of("target/benchmark.json"), line + "\n");
        System.out.println(line);
    }

    private void capacity(ServiceProcess a) throws Exception {
        long rssIdle = a.residentBytes();
        long started = System.nanoTime();
        List<WebSocket> sockets = connectMany(a, CONNECTIONS);
        figures.put("capacity_connect_s", seconds(System.nanoTime() - started));
        long peakRss = a.residentBytes();
        for (int i = 0; i < HOLD_SECONDS; i++) {
            Thread.sleep(1_000);
            peakRss = Math.max(peakRss, a.residentBytes());
        }
        long open = sockets.stream().filter(s -> !s.isClosed()).count();
        figures.put("capacity_connections_requested", CONNECTIONS);
        figures.put("capacity_connections_held", open);
        figures.put("capacity_hold_s", HOLD_SECONDS);
        figures.put("service_rss_idle_mb", rssIdle / 1_048_576);
        figures.put("service_rss_peak_mb", peakRss / 1_048_576);
        sockets.forEach(WebSocket::close);
        Thread.sleep(5_000); // let the leaves settle before the latency phases
    }

    /** Joins at JOINS_PER_S on {@code target}; each joiner stays a second. Latency from connect start. */
    private void latency(String name, ServiceProcess target, List<WebSocket> observers) throws Exception {
        int joins = JOINS_PER_S * JOIN_SECONDS;
        long[] startedAt = new long[joins];
        AtomicInteger[] seenBy = new AtomicInteger[joins];
        long[] allSeen = new long[joins];
        for (int i = 0; i < joins; i++) {
            seenBy[i] = new AtomicInteger();
        }
        ConcurrentLinkedQueue<Long> pairLatencies = new ConcurrentLinkedQueue<>();
        String run = name + "-" + ThreadLocalRandom.current().nextInt(1_000_000) + "-";
        for (WebSocket observer : observers) {
            observer.textMessageHandler(text -> {
                long now = System.nanoTime();
                if (!text.startsWith("{\"v\":1,\"type\":\"delta\"")) {
                    return;
                }
                int at = 0;
                while ((at = text.indexOf(MARK + run, at)) >= 0) {
                    int from = at + MARK.length() + run.length();
                    int to = from;
                    while (to < text.length() && Character.isDigit(text.charAt(to))) {
                        to++;
                    }
                    int n = Integer.parseInt(text.substring(from, to));
                    pairLatencies.add(now - startedAt[n]);
                    if (seenBy[n].incrementAndGet() == observers.size()) {
                        allSeen[n] = now - startedAt[n];
                    }
                    at = to;
                }
            });
        }
        long intervalNanos = 1_000_000_000L / JOINS_PER_S;
        long begin = System.nanoTime();
        for (int n = 0; n < joins; n++) {
            long due = begin + n * intervalNanos;
            while (System.nanoTime() < due) {
                Thread.sleep(0, 200_000);
            }
            startedAt[n] = System.nanoTime();
            WebSocketConnectOptions options = options(target).addHeader("User-Agent", MARK + run + n);
            client.connect(options).onSuccess(socket -> vertx.setTimer(1_000, t -> socket.close()));
        }
        Thread.sleep(3_000);
        long[] pairs = pairLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] everyone = Arrays.stream(allSeen).filter(v -> v > 0).sorted().toArray();
        figures.put(name + "_joins", joins);
        figures.put(name + "_joins_seen_by_every_observer", everyone.length);
        figures.put(name + "_every_observer_p50_ms", percentileMs(everyone, 50));
        figures.put(name + "_every_observer_p99_ms", percentileMs(everyone, 99));
        figures.put(name + "_pair_p50_ms", percentileMs(pairs, 50));
        figures.put(name + "_pair_p99_ms", percentileMs(pairs, 99));
        figures.put(name + "_pairs", pairs.length);
        Thread.sleep(2_000);
    }

    /** Connections that heartbeat like the page does, 200 handshakes in flight at a time. */
    private List<WebSocket> connectMany(ServiceProcess target, int count) throws InterruptedException {
        Semaphore inFlight = new Semaphore(200);
        List<WebSocket> sockets = Collections.synchronizedList(new ArrayList<>());
        AtomicLong failures = new AtomicLong();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            client.connect(options(target)).onComplete(result -> {
                if (result.failed()) {
                    failures.incrementAndGet();
                    inFlight.release();
                    return;
                }
                WebSocket socket = result.result();
                socket.textMessageHandler(text -> {
                });
                sockets.add(socket);
                inFlight.release(); // only after recording it: the caller returns the list once all permits are back
                // spread the heartbeats over the interval, as real clients' are
                vertx.setTimer(1 + ThreadLocalRandom.current().nextLong(30_000), first -> {
                    socket.writeTextMessage("{\"type\":\"heartbeat\"}");
                    vertx.setPeriodic(30_000, t -> {
                        if (socket.isClosed()) {
                            vertx.cancelTimer(t);
                        } else {
                            socket.writeTextMessage("{\"type\":\"heartbeat\"}");
                        }
                    });
                });
            });
        }
        inFlight.acquire(200);
        inFlight.release(200);
        figures.merge("connect_failures", failures.get(), (x, y) -> (Long) x + (Long) y);
        return new ArrayList<>(sockets);
    }

    private static WebSocketConnectOptions options(ServiceProcess target) {
        return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(target.base().getPort())
                .setURI("/api/presence/ws");
    }

    private static double percentileMs(long[] sortedNanos, int percentile) {
        if (sortedNanos.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1;
        return Math.round(sortedNanos[Math.max(0, index)] / 10_000.0) / 100.0;
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 10_000_000.0) / 100.0;
    }

    private static String toJson(Map<String, Object> values) {
        StringBuilder json = new StringBuilder("{");
        values.forEach((key, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(key).append("\":")
                .append(value));
        return json.append('}').toString();
    }
}
