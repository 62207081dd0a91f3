package io.trackersuite.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.session.presence.PresenceClient;
import io.trackersuite.testing.OperationsEndpointsContract;
import io.trackersuite.testing.RedisProxyResource;
import io.vertx.core.Vertx;

/**
 * The packaged service (the JVM jar here, the native executable in the pipeline's native build) starts against the
 * real Redis, serves what Kubernetes and Prometheus need, answers the tracker page's calls and keeps every watching
 * page's list right while visitors come and go. On a JDK 25 build this class is also the training run of the
 * service's AOT cache (pom.xml, profile aot-cache): what it exercises here starts warm in production.
 */
@QuarkusIntegrationTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(PackagedServiceIT.Audience.class)
class PackagedServiceIT extends OperationsEndpointsContract {

    private static final int OBSERVERS = 40;
    private static final int VISITORS_PER_ROUND = 10;
    private static final int ROUNDS = 15;

    /** Room for a page's audience: more seats than the test profile's handful, every visitor listed. */
    public static class Audience implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("%test.presence.max-connections", "200", "%test.presence.visible-sessions", "50");
        }

        @Override
        public void stop() {
        }
    }

    private static Vertx vertx;

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void theTrackerPagesCallsAreAnswered() {
        for (int i = 0; i < 200; i++) {
            given().when().get("/api/instance").then().statusCode(200).body("instanceId", notNullValue());
            given().when().get("/api/health").then().statusCode(200).body("status", equalTo("OK"));
            given().contentType("application/json").header("X-Forwarded-For", "203.0.113." + (i % 200 + 1))
                    .body("{\"website\":\"https://shop.example.com/p/" + i + "\"}")
                    .when().post("/api/track").then().statusCode(200).body("success", equalTo(true));
        }
        given().when().get("/api/qr").then().statusCode(200);
    }

    @Test
    void everyWatchingPageSeesEveryVisitorComeAndGo() {
        List<PresenceClient> observers = new ArrayList<>();
        try {
            for (int i = 0; i < OBSERVERS; i++) {
                // heartbeats as the page sends them (the test profile ends a silent session after 3 s)
                observers.add(connect("198.51.100." + (i + 1)).beating(vertx, Duration.ofSeconds(1)));
            }
            for (int round = 0; round < ROUNDS; round++) {
                List<PresenceClient> visitors = new ArrayList<>();
                for (int v = 0; v < VISITORS_PER_ROUND; v++) {
                    visitors.add(connect("192.0.2." + (round * VISITORS_PER_ROUND + v + 1)));
                }
                List<String> ids = visitors.stream().map(PresenceClient::id).toList();
                visitors.forEach(visitor -> visitor.send("{\"type\":\"heartbeat\"}"));
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> observers.forEach(
                        observer -> assertThat(observer.visibleIds()).containsAll(ids)));
                visitors.forEach(PresenceClient::close);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> observers.forEach(observer -> {
                    assertThat(observer.isOpen()).as("open, not closed: %s", observer.closeReason()).isTrue();
                    assertThat(observer.visibleIds()).doesNotContainAnyElementsOf(ids);
                }));
            }
        } finally {
            observers.forEach(PresenceClient::close);
        }
    }

    /** Loopback is a trusted proxy in the test profile: X-Forwarded-For gives each page its own address. */
    private PresenceClient connect(String address) {
        return PresenceClient.connect(vertx, base, "X-Forwarded-For", address, "User-Agent",
                "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0");
    }
}
