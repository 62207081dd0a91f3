package io.trackersuite.gateway;

import static io.trackersuite.testing.RedisProxyResource.env;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.trackersuite.testing.ServiceProcess;

/**
 * Two gateway processes on one Redis, as two pods: each accepts a small batch of a client's budget on its own before
 * it reports to Redis, so together they may accept at most 2 x batch above the budget, and never refuse a client
 * that is within it. The budget is 600 a minute (10 a second refilled); the batch is 2% of it, 12.
 */
class RateLimitAcrossReplicasIT {

    static final int BUDGET = 600;
    static final double REFILL_PER_SECOND = BUDGET / 60.0;
    static final int BATCH = 12;
    static final int REPLICAS = 2;

    static HttpServer service;
    static final List<ServiceProcess> gateways = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        // the service behind the gateways answers every request at once: only the gateways' limits are measured
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        service.createContext("/", exchange -> {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.setExecutor(Executors.newFixedThreadPool(8));
        service.start();
        Map<String, String> environment = new HashMap<>();
        environment.put("REDIS_URL", "redis://" + env("REDIS_HOST", "localhost") + ":" + env("REDIS_PORT", "6379") + "/3");
        environment.put("SESSION_SERVICE_URL", "http://127.0.0.1:" + service.getAddress().getPort());
        environment.put("RATE_LIMIT_PER_MINUTE", Integer.toString(BUDGET));
        environment.put("RATE_LIMIT_MAX_DELAY", "0s"); // over the budget is refused at once: counts stay simple
        // the test is the load balancer: it names the client in X-Forwarded-For
        environment.put("TRUSTED_PROXIES", "127.0.0.1/32");
        environment.put("OIDC_CLIENT_SECRET", "replicas-test-client-secret-0123456789");
        environment.put("LOGIN_SESSION_KEY", "replicas-test-login-session-key-0123456789abcdef");
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        Path nativeExecutable = Path.of(System.getProperty("native.image.path", "target/none-runner"));
        List<String> command = Files.isExecutable(nativeExecutable) ? List.of(nativeExecutable.toString())
                : ServiceProcess.javaJar(Path.of("target/quarkus-app/quarkus-run.jar"), "256m");
        for (int i = 0; i < REPLICAS; i++) {
            gateways.add(ServiceProcess.launch(command, environment, Path.of("target/replica-" + i + ".log")));
        }
        gateways.forEach(gateway -> gateway.awaitReady(Duration.ofSeconds(90)));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (ServiceProcess gateway : gateways) {
            gateway.close();
        }
        service.stop(0);
    }

    @Test
    void twoReplicasTogetherStayWithinTheirBatchesOfOneBudget() throws Exception {
        // a client no earlier run has seen: its budget in Redis is fresh
        String client = "2001:db8::" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000)) + ":"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
        int requests = BUDGET + 400;
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        List<Future<Integer>> statuses = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            URI gateway = gateways.get(i % REPLICAS).base().resolve("/api/instance");
            HttpRequest request = HttpRequest.newBuilder(gateway).header("X-Forwarded-For", client).build();
            statuses.add(senders.submit(() -> http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()));
        }
        int accepted = 0;
        int refused = 0;
        for (Future<Integer> status : statuses) {
            int code = status.get();
            if (code == 200) {
                accepted++;
            } else if (code == 429) {
                refused++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        senders.shutdown();

        assertThat(accepted + refused).as("every request was either served or refused by the limit").isEqualTo(requests);
        // within the budget no one is refused: a replica's copy of the bucket never shows fewer tokens than Redis has
        assertThat(accepted).isGreaterThanOrEqualTo(BUDGET);
        int refilled = (int) Math.ceil(REFILL_PER_SECOND * seconds);
        assertThat(accepted).as("accepted in %.1f s (budget %d + %d refilled + at most %d x %d)", seconds, BUDGET,
                refilled, REPLICAS, BATCH).isLessThanOrEqualTo(BUDGET + refilled + REPLICAS * BATCH);
    }
}
