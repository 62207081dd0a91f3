package io.trackersuite.session.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * Presence clients of the benchmarks, in this JVM on two Vert.x event loops (loopback only): observers that heartbeat
 * like the tracker page, and joins whose arrival at every observer is timed. A port is that of whatever serves
 * {@code /api/presence/ws}: the service itself or a proxy in front of it.
 */
final class FanOutProbe implements AutoCloseable {

    static final String MARK = "bench-join-";

    /** One fan-out run: per join, the time from the joiner's connect until every observer (and each one) had it. */
    record FanOut(int joins, int seenByEveryObserver, double everyObserverP50Ms, double everyObserverP99Ms,
            double pairP50Ms, double pairP99Ms, int pairs) {

        void addTo(Map<String, Object> figures, String name) {
            figures.put(name + "_joins", joins);
            figures.put(name + "_joins_seen_by_every_observer", seenByEveryObserver);
            figures.put(name + "_every_observer_p50_ms", everyObserverP50Ms);
            figures.put(name + "_every_observer_p99_ms", everyObserverP99Ms);
            figures.put(name + "_pair_p50_ms", pairP50Ms);
            figures.put(name + "_pair_p99_ms", pairP99Ms);
            figures.put(name + "_pairs", pairs);
        }
    }

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private final WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
            .setMaxConnections(100_000).setConnectTimeout(30_000));
    private final AtomicLong connectFailures = new AtomicLong();

    /** Connections that heartbeat like the page does, 200 handshakes in flight at a time. */
    List<WebSocket> connectMany(int port, int count) throws InterruptedException {
        Semaphore inFlight = new Semaphore(200);
        List<WebSocket> sockets = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            client.connect(options(port)).onComplete(result -> {
                if (result.failed()) {
                    connectFailures.incrementAndGet();
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
        return new ArrayList<>(sockets);
    }

    /** Connections that failed to open so far, over every call. */
    long connectFailures() {
        return connectFailures.get();
    }

    /**
     * Joins through {@code port} at {@code joinsPerS} for {@code seconds}; each joiner stays a second. Its latency
     * counts from the start of its connect, so the handshake is part of it.
     */
    FanOut joins(String name, int port, List<WebSocket> observers, int joinsPerS, int seconds)
            throws InterruptedException {
        int joins = joinsPerS * seconds;
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
        long intervalNanos = 1_000_000_000L / joinsPerS;
        long begin = System.nanoTime();
        for (int n = 0; n < joins; n++) {
            long due = begin + n * intervalNanos;
            while (System.nanoTime() < due) {
                Thread.sleep(0, 200_000);
            }
            startedAt[n] = System.nanoTime();
            WebSocketConnectOptions options = options(port).addHeader("User-Agent", MARK + run + n);
            client.connect(options).onSuccess(socket -> vertx.setTimer(1_000, t -> socket.close()));
        }
        Thread.sleep(3_000);
        long[] pairs = pairLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] everyone = Arrays.stream(allSeen).filter(v -> v > 0).sorted().toArray();
        return new FanOut(joins, everyone.length, percentileMs(everyone, 50), percentileMs(everyone, 99),
                percentileMs(pairs, 50), percentileMs(pairs, 99), pairs.length);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** The figures as one JSON line (numbers only). */
    static String toJson(Map<String, Object> values) {
        StringBuilder json = new StringBuilder("{");
        values.forEach((key, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(key).append("\":")
                .append(value));
        return json.append('}').toString();
    }

    private static WebSocketConnectOptions options(int port) {
        return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/api/presence/ws");
    }

    private static double percentileMs(long[] sortedNanos, int percentile) {
        if (sortedNanos.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1;
        return Math.round(sortedNanos[Math.max(0, index)] / 10_000.0) / 100.0;
    }
}
