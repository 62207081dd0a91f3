package io.trackersuite.session.presence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.trackersuite.testing.Readiness;
import io.trackersuite.testing.RedisProxyResource;
import io.trackersuite.testing.ScrapedMetrics;
import io.trackersuite.warmup.Rehearsal;
import io.vertx.core.Vertx;

/**
 * A replica started in JVM mode rehearses joins and leaves before it reports ready. A visitor who reaches it meanwhile
 * (a load balancer that does not wait for readiness) sees only real visitors, and the rehearsal leaves nothing behind:
 * no sessions in the shared list, no keys, no subscription, no counted joins.
 */
@QuarkusTest
@TestProfile(PresenceRehearsalTest.Rehearsing.class)
@WithTestResource(RedisProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class PresenceRehearsalTest {

    /** The rehearsal on, as in the packaged service, but shorter and with fewer observers. */
    public static class Rehearsing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("presence.warm-up.enabled", "true", "presence.warm-up.max-duration", "12s",
                    "presence.warm-up.observers", "20");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Inject
    RedisDataSource redis;

    @Test
    void aVisitorDuringTheRehearsalSeesOnlyRealVisitorsAndTheRehearsalLeavesNothingBehind() {
        // the rehearsal lasts at least 5 s from the server's start (at most 12 s here): it is still going now
        Readiness.assertDown(Rehearsal.CHECK);
        try (PresenceClient visitor = PresenceClient.connect(vertx, base, "X-Forwarded-For", "198.51.100.7")) {
            String own = visitor.id();
            long joinsThen = rehearsedJoins();
            // while the rehearsal's visitors keep joining and leaving beside this one...
            await().atMost(Duration.ofSeconds(10)).until(() -> rehearsedJoins() > joinsThen + 20);
            // ...the visitor's list and total, and the list all replicas share, hold this visitor alone
            assertThat(visitor.total()).isEqualTo(1);
            assertThat(visitor.visibleIds()).containsExactly(own);
            assertThat(redis.hash(String.class).hkeys(PresenceStore.Keys.SHARED.sessions())).containsExactly(own);

            Readiness.assertUp(Rehearsal.CHECK);
            JsonPath ready = given().when().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
            assertThat(ready.getLong(warmUpData("joins"))).isGreaterThan(20);
            assertThat(ready.getLong(warmUpData("failed"))).isZero();
            // no message ever counted anyone else (the snapshot comes before the visitor's own join: 0)
            assertThat(visitor.messages).allSatisfy(message -> assertThat(message.getLong("total", 0L)).isLessThan(2));
        }
        assertThat(redis.key().keys("presence:warm-up:*")).isEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(subscribedWarmUpChannels()).isEmpty());
        assertThat(ScrapedMetrics.scrape().sum("presence_joins_total").orElse(0)).isEqualTo(1);
    }

    private long rehearsedJoins() {
        JsonPath health = given().when().get("/q/health/ready").then().extract().jsonPath();
        return health.getLong(warmUpData("joins"));
    }

    private static String warmUpData(String key) {
        return "checks.find { it.name == '" + Rehearsal.CHECK + "' }.data." + key;
    }

    private List<String> subscribedWarmUpChannels() {
        List<String> channels = new ArrayList<>();
        redis.execute("PUBSUB", "CHANNELS", "presence:warm-up:*").forEach(channel -> channels.add(channel.toString()));
        return channels;
    }
}
