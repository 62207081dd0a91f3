package io.trackersuite.session.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.vertx.core.http.WebSocket;

/**
 * The presence fan-out of one running session-service reached through each WebSocket path in front of it: directly,
 * through nginx, through tracker-gateway ({@code bench.ws-paths}, e.g. {@code direct:19081,nginx:19082,gateway:19080},
 * the first being the reference). Per path: {@code bench.ws-observers} (200) observers connect there, then joins
 * through the same path at {@code bench.ws-joins-per-s} (10) for {@code bench.ws-seconds} (10). Every path is run
 * twice in turn and the second round is reported: the first warms every process on every path alike. Run by
 * deploy/bench/gateway.sh, which starts the service and the proxies; writes target/benchmark-websocket.json.
 */
@Tag("benchmark")
class ProxiedPresenceBenchmark {

    static final String PATHS = System.getProperty("bench.ws-paths", "direct:8081");
    static final int OBSERVERS = Integer.getInteger("bench.ws-observers", 200);
    static final int JOINS_PER_S = Integer.getInteger("bench.ws-joins-per-s", 10);
    static final int SECONDS = Integer.getInteger("bench.ws-seconds", 10);

    @Test
    void fanOutPerPath() throws Exception {
        Map<String, Integer> paths = new LinkedHashMap<>();
        for (String path : PATHS.split(",")) {
            String[] nameAndPort = path.split(":");
            paths.put(nameAndPort[0], Integer.parseInt(nameAndPort[1]));
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("ws_observers", OBSERVERS);
        figures.put("ws_joins_per_s", JOINS_PER_S);
        Map<String, FanOutProbe.FanOut> measured = new LinkedHashMap<>();
        try (FanOutProbe probe = new FanOutProbe()) {
            for (int round = 1; round <= 2; round++) {
                for (Map.Entry<String, Integer> path : paths.entrySet()) {
                    List<WebSocket> observers = probe.connectMany(path.getValue(), OBSERVERS);
                    Thread.sleep(2_000);
                    FanOutProbe.FanOut run = probe.joins("ws_" + path.getKey(), path.getValue(), observers,
                            JOINS_PER_S, SECONDS);
                    measured.put(path.getKey(), run);
                    observers.forEach(WebSocket::close);
                    Thread.sleep(3_000); // the leaves settle before the next path
                }
            }
            figures.put("ws_connect_failures", probe.connectFailures());
        }
        String referenceName = paths.keySet().iterator().next();
        FanOutProbe.FanOut reference = measured.get(referenceName);
        measured.forEach((name, run) -> {
            run.addTo(figures, "ws_" + name);
            if (!name.equals(referenceName)) {
                figures.put("ws_" + name + "_added_p50_ms",
                        round(run.everyObserverP50Ms() - reference.everyObserverP50Ms()));
                figures.put("ws_" + name + "_added_p99_ms",
                        round(run.everyObserverP99Ms() - reference.everyObserverP99Ms()));
            }
        });
        figures.put("ws_reference", '"' + referenceName + '"');
        figures.put("ws_target_added_p99_ms", 5);
        String line = FanOutProbe.toJson(figures);
        Files.writeString(Path.of("target/benchmark-websocket.json"), line + "\n");
        System.out.println(line);
    }

    private static double round(double ms) {
        return Math.round(ms * 100) / 100.0;
    }
}
