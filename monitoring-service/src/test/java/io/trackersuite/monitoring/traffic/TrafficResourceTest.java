package io.trackersuite.monitoring.traffic;

import static io.restassured.RestAssured.given;
import static io.trackersuite.monitoring.Fixtures.login;
import static io.trackersuite.testing.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.trackersuite.events.TrackerEvent;
import io.trackersuite.events.TrafficEvent;
import io.trackersuite.monitoring.Fixtures;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.RedisProxyResource;

/** Traffic figures computed from TRAFFIC events, checked against values worked out by hand. */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class TrafficResourceTest {

    @Inject
    Fixtures fixtures;

    @Inject
    ActiveUserSampler sampler;

    private final String admin = bearer("ada", "admin");

    @BeforeEach
    void reset() {
        fixtures.reset();
    }

    @Test
    void currentAndLiveFiguresFromTwoSecondsOfTrafficOnTwoRoutes() {
        Instant now = Instant.now();
        // presence: 100 requests, 5 errors, 2,000 ms in all; buckets <=5:0 <=10:50 <=25:30 <=50:15 <=100:5
        fixtures.publish(traffic(now, "presence", 100, 5, 2000, 0, 50, 30, 15, 5));
        // scanner: 100 requests, 0 errors, 6,000 ms; <=25:0 <=50:80 <=100:20
        fixtures.publish(traffic(now, "scanner", 100, 0, 6000, 0, 0, 0, 80, 20));
        fixtures.publish(login("s-t", "tina", now, "teacher"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(fixtures.count("select coalesce(sum(requests), 0) from traffic_minutes")).isEqualTo(200));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(fixtures.count("select count(*) from user_sessions")).isEqualTo(1));

        JsonPath current = given().auth().oauth2(admin).when().get("/api/traffic/current")
                .then().statusCode(200).extract().jsonPath();
        assertThat(current.getLong("activeUsers")).isEqualTo(1);
        assertThat(current.getLong("requestsToday")).isEqualTo(200);
        // 8,000 ms over 200 requests
        assertThat(current.getDouble("averageResponseMs")).isEqualTo(40.0);
        // 95% of 200 = rank 190: 50 (<=10) + 30 (<=25) + 95 (<=50) = 175, so inside (50, 100]: 50 + 50 * 15/25 = 80
        assertThat(current.getDouble("p95ResponseMs")).isEqualTo(80.0);
        assertThat(current.getDouble("errorRate")).isEqualTo(0.025);
        // 200 requests over the previous minute plus the current one so far (60 to 120 s)
        assertThat(current.getDouble("requestsPerSecond")).isBetween(200 / 120.0, 200 / 60.0);
        // the original monitoring's field names carry the same figures
        assertThat(current.getLong("active_users")).isEqualTo(1);
        assertThat(current.getLong("total_requests")).isEqualTo(200);
        assertThat(current.getDouble("avg_response_time")).isEqualTo(40.0);
        assertThat(current.getDouble("current_rps")).isEqualTo(current.getDouble("requestsPerSecond"));

        sampler.sample();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        JsonPath live = given().auth().oauth2(admin).queryParam("minutes", 10).when().get("/api/traffic/live")
                .then().statusCode(200).body("$", hasSize(10)).extract().jsonPath();
        int last = 9;
        if (!Instant.parse(live.getString("[9].minute")).equals(minute)) {
            last = 8; // the minute turned between the events and the request
        }
        assertThat(Instant.parse(live.getString("[" + last + "].minute"))).isEqualTo(minute);
        assertThat(live.getLong("[" + last + "].requests")).isEqualTo(200);
        assertThat(live.getLong("[" + last + "].errors")).isEqualTo(5);
        assertThat(live.getDouble("[" + last + "].p95ResponseMs")).isEqualTo(80.0);
        assertThat(live.getLong("[0].requests")).isZero();
        assertThat(live.getList("activeUsers")).contains(1);
    }

    @Test
    void badParametersAndMissingRoleAreRefused() {
        given().auth().oauth2(admin).queryParam("minutes", "9999").when().get("/api/traffic/live")
                .then().statusCode(400).body("parameter", equalTo("minutes"));
        given().auth().oauth2(bearer("olga", "operator")).when().get("/api/traffic/current").then().statusCode(403);
        given().when().get("/api/traffic/current").then().statusCode(401);
    }

    private static TrafficEvent traffic(Instant time, String route, long requests, long errors, double latencySumMs,
            long... buckets) {
        List<Long> counts = new java.util.ArrayList<>();
        for (long count : buckets) {
            counts.add(count);
        }
        while (counts.size() < TrafficEvent.LATENCY_BUCKETS_MS.size() + 1) {
            counts.add(0L);
        }
        return new TrafficEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(), time, "gw-1",
                List.of(new TrafficEvent.RouteTraffic(route, requests, errors, latencySumMs, counts)));
    }
}
