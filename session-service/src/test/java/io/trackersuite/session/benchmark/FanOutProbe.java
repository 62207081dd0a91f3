package io.trackersuite.session.benchmark;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;

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

    /** How long after its last join a run waits before counting what every observer has seen. */
    static final long GRACE_MILLIS = 3_000;
    /** How much longer it waits for the joins still missing somewhere, to tell late from never. */
    static final long LATE_MILLIS = 10_000;

    /**
     * One fan-out run: per join, the time from the joiner's connect until every observer (and each one) had it.
     * {@code seenByEveryObserver} counts the joins every observer had within the grace; {@code seenLate} those that
     * reached the last observer only in the time after it (their latency is in the percentiles);
     * {@code joinersRefused} the joiners whose connect failed or that the server closed with a code of its own (a
     * refused joiner has no join to see; one closed later as too slow has been seen already).
     */
    record FanOut(int joins, int seenByEveryObserver, int seenLate, int joinersRefused, double everyObserverP50Ms,
            double everyObserverP99Ms, double pairP50Ms, double pairP99Ms, int pairs) {

        void addTo(Map<String, Object> figures, String name) {
            figures.put(name + "_joins", joins);
            figures.put(name + "_joins_seen_by_every_observer", seenByEveryObserver);
            figures.put(name + "_joins_seen_late", seenLate);
            figures.put(name + "_joiners_refused", joinersRefused);
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
        AtomicLongArray allSeen = new AtomicLongArray(joins); // written by the event loops
        for (int i = 0; i < joins; i++) {
            seenBy[i] = new AtomicInteger();
        }
        ConcurrentLinkedQueue<Long> pairLatencies = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        String run = name + "-" + ThreadLocalRandom.current().nextInt(1_000_000) + "-";
        for (WebSocket observer : observers) {
            // a joiner pushed out of the 50 listed and back in is listed again: count each observer's first sight
            BitSet seenHere = new BitSet(joins); // only touched on this observer's event loop
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
                    at = to;
                    if (seenHere.get(n)) {
                        continue;
                    }
                    seenHere.set(n);
                    pairLatencies.add(now - startedAt[n]);
                    if (seenBy[n].incrementAndGet() == observers.size()) {
                        allSeen.set(n, now - startedAt[n]);
                    }
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
            client.connect(options).onComplete(connected -> {
                if (connected.failed()) {
                    refused.incrementAndGet();
                    return;
                }
                WebSocket joiner = connected.result();
                joiner.closeHandler(closed -> {
                    Short code = joiner.closeStatusCode();
                    if (code != null && code != 1000) { // refused by the server (4001, 4002, 1013...)
                        refused.incrementAndGet();
                    }
                });
                vertx.setTimer(1_000, t -> joiner.close());
            });
        }
        Thread.sleep(GRACE_MILLIS);
        int inGrace = seenCount(allSeen);
        long lateUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LATE_MILLIS);
        while (seenCount(allSeen) < joins && System.nanoTime() < lateUntil) {
            Thread.sleep(100);
        }
        long[] pairs = pairLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] everyone = IntStream.range(0, joins).mapToLong(allSeen::get).filter(v -> v > 0).sorted().toArray();
        return new FanOut(joins, inGrace, everyone.length - inGrace, refused.get(), percentileMs(everyone, 50),
                percentileMs(everyone, 99), percentileMs(pairs, 50), percentileMs(pairs, 99), pairs.length);
    }

    private static int seenCount(AtomicLongArray allSeen) {
        return (int) IntStream.range(0, allSeen.length()).filter(i -> allSeen.get(i) > 0).count();
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
