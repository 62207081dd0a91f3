package io.trackersuite.monitoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.events.ActivityEvent;
import io.trackersuite.events.EventStreams;
import io.trackersuite.events.LoginEvent;
import io.trackersuite.events.LogoutEvent;
import io.trackersuite.events.TrackerEvent;
import io.trackersuite.testing.OperationsEndpointsContract;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.RedisProxyResource;
import io.trackersuite.testing.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;

/**
 * The packaged service (the JVM jar here, the native executable in the pipeline's native build) starts against the
 * real Redis and PostgreSQL, serves what Kubernetes and Prometheus need, and turns the gateway's login events into
 * the sessions the admin dashboard lists. On a JDK 25 build this class is also the training run of the service's AOT
 * cache (pom.xml, profile aot-cache): the event intake and the dashboard's queries start warm in production.
 */
@QuarkusIntegrationTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class PackagedServiceIT extends OperationsEndpointsContract {

    private static final int USERS = 400;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void loginEventsBecomeTheSessionsTheDashboardLists() throws Exception {
        // this run's sessions, told apart from earlier runs' by their client address
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String ip = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
        Instant start = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        List<TrackerEvent> events = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String session = "s-" + UUID.randomUUID();
            events.add(new LoginEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(), start.plusMillis(i),
                    session, "id-user-" + i, "user-" + i, List.of(i % 4 == 0 ? "teacher" : "student"), ip,
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0"));
            events.add(new ActivityEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(),
                    start.plusSeconds(60).plusMillis(i), session));
            if (i % 2 == 1) {
                events.add(new LogoutEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(),
                        start.plusSeconds(120).plusMillis(i), session));
            }
        }
        publish(events);

        String admin = TestTokens.bearer("ada", "admin");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            given().auth().oauth2(admin).queryParam("ip", ip).queryParam("state", "ended").queryParam("limit", 500)
                    .when().get("/api/sessions").then().statusCode(200).body("items.size()", equalTo(USERS / 2));
            given().auth().oauth2(admin).queryParam("ip", ip).queryParam("state", "active").queryParam("limit", 500)
                    .when().get("/api/sessions").then().statusCode(200).body("items.size()", equalTo(USERS / 2));
        });
        for (int i = 0; i < 50; i++) {
            given().auth().oauth2(admin).queryParam("minutes", 30).when().get("/api/sessions/active")
                    .then().statusCode(200);
            given().auth().oauth2(admin).when().get("/api/traffic/current").then().statusCode(200);
        }
    }

    /** Onto the stream the gateway writes to, as it writes them. */
    private static void publish(List<TrackerEvent> events) throws JsonProcessingException {
        Vertx vertx = Vertx.vertx();
        try {
            RedisAPI redis = RedisAPI.api(Redis.createClient(vertx, "redis://"
                    + RedisProxyResource.env("REDIS_HOST", "localhost") + ":"
                    + RedisProxyResource.env("REDIS_PORT", "6379") + "/5"));
            for (TrackerEvent event : events) {
                redis.xadd(List.of(EventStreams.EVENTS, "*", EventStreams.FIELD, JSON.writeValueAsString(event)))
                        .toCompletionStage().toCompletableFuture().join();
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
