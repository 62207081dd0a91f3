package io.trackersuite.gateway.warmup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.trackersuite.events.EventStreams;
import io.trackersuite.gateway.SuiteResource;
import io.trackersuite.testing.Readiness;
import io.trackersuite.testing.RedisProxyResource;

/**
 * A gateway started in JVM mode rehearses its request path before it reports ready, and the rehearsal leaves no trace:
 * no route, no published traffic, no metrics.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the first looks at readiness while the rehearsal runs
@TestProfile(WarmUpTest.Rehearsing.class)
@WithTestResource(RedisProxyResource.class)
@WithTestResource(SuiteResource.class)
class WarmUpTest {

    /** The rehearsal on, as in the packaged service, but shorter. */
    public static class Rehearsing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.warm-up.enabled", "true", "gateway.warm-up.max-duration", "15s");
        }
    }

    private static final String CHECK = "Warm-up";

    @Inject
    @org.eclipse.microprofile.health.Readiness
    WarmUp warmUp;

    @Inject
    RedisDataSource redis;

    @Test
    @Order(1)
    void notReadyWhileRehearsingThenReadyWithEveryRehearsedRequestAnswered() {
        // the rehearsal lasts at least 5 s from the server's start (at most 15 s here): it is still going now
        Readiness.assertDown(CHECK);
        Readiness.assertUp(CHECK);
        JsonPath ready = given().when().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(ready.getLong("checks.find { it.name == '" + CHECK + "' }.data.requests")).isGreaterThan(100);
        assertThat(ready.getLong("checks.find { it.name == '" + CHECK + "' }.data.failed")).isZero();

        // the rehearsal's route is gone; the real routes serve
        given().when().get(warmUp.path() + "/instance").then().statusCode(404);
        given().when().get("/api/instance").then().statusCode(200);
    }

    @Test
    @Order(2)
    void theRehearsalIsNeitherPublishedAsTrafficNorKeptInTheMetrics() {
        Readiness.assertUp(CHECK);
        given().when().get("/api/instance").then().statusCode(200);
        // the request above is published within a couple of seconds: publishing works, so an absence means something
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> trafficGroups().contains("tracker"));
        assertThat(trafficGroups()).noneMatch(group -> group.startsWith(WarmUp.ROUTE));
        given().header("X-API-Key", SuiteResource.ADMIN_KEY).accept("text/plain").when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("route=\"tracker\""))
                .body(not(containsString(WarmUp.ROUTE)));
    }

    /** Route groups of the TRAFFIC events in the events stream since this test JVM started (earlier runs' stay). */
    private List<String> trafficGroups() {
        long since = ManagementFactory.getRuntimeMXBean().getStartTime();
        List<StreamMessage<String, String, String>> entries = redis.stream(String.class)
                .xrange(EventStreams.EVENTS, StreamRange.of(since + "-0", "+"));
        return entries.stream()
                .map(entry -> JsonPath.from(entry.payload().get("event")))
                .filter(event -> "TRAFFIC".equals(event.getString("type")))
                .flatMap(event -> event.<String>getList("routes.routeGroup").stream())
                .toList();
    }
}
