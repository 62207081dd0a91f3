package io.trackersuite.session.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.trackersuite.session.cluster.ServiceInstance;
import io.trackersuite.testing.ServiceProcess;
import io.vertx.core.http.WebSocket;

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

    static final Map<String, String> SETTINGS = Map.of(
            "PRESENCE_MAX_CONNECTIONS", "20000",
            "PRESENCE_MAX_CONNECTIONS_PER_IP", "20000",
            "PRESENCE_HEARTBEAT_INTERVAL", "30s",
            "PRESENCE_HEARTBEAT_TIMEOUT", "300s");

    private final Map<String, Object> figures = new LinkedHashMap<>();

    @Test
    void presenceUnderLoad() throws Exception {
        ServiceInstance.clearPresence();
        try (FanOutProbe probe = new FanOutProbe(); ServiceProcess a = ServiceInstance.start("bench-a", SETTINGS)) {
            capacity(probe, a);
            try (ServiceProcess b = ServiceInstance.start("bench-b", SETTINGS)) {
                List<WebSocket> observers = probe.connectMany(port(a), OBSERVERS);
                figures.put("fanout_observers", observers.size());
                probe.joins("fanout", port(a), observers, JOINS_PER_S, JOIN_SECONDS).addTo(figures, "fanout");
                Thread.sleep(2_000);
                // cross-instance latency on its own, with the observers it asks for (1,000 by default) kept open
                observers.subList(CROSS_OBSERVERS, observers.size()).forEach(WebSocket::close);
                List<WebSocket> crossObservers = observers.subList(0, CROSS_OBSERVERS);
                Thread.sleep(3_000);
                figures.put("cross_instance_observers", crossObservers.size());
                probe.joins("cross_instance", port(b), crossObservers, JOINS_PER_S, JOIN_SECONDS)
                        .addTo(figures, "cross_instance");
                crossObservers.forEach(WebSocket::close);
            }
            figures.put("connect_failures", probe.connectFailures());
        }
        String line = FanOutProbe.toJson(figures);
        Files.writeString(Path.of("target/benchmark.json"), line + "\n");
        System.out.println(line);
    }

    private void capacity(FanOutProbe probe, ServiceProcess a) throws Exception {
        long rssIdle = a.residentBytes();
        long started = System.nanoTime();
        List<WebSocket> sockets = probe.connectMany(port(a), CONNECTIONS);
        figures.put("capacity_connect_s", Math.round((System.nanoTime() - started) / 10_000_000.0) / 100.0);
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

    private static int port(ServiceProcess service) {
        return service.base().getPort();
    }
}
