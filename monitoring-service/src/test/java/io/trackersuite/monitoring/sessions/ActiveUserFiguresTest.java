package io.trackersuite.monitoring.sessions;

import static io.restassured.RestAssured.given;
import static io.trackersuite.monitoring.Fixtures.login;
import static io.trackersuite.testing.TestTokens.bearer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.monitoring.Fixtures;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.RedisProxyResource;

/** With cached figures (as in production), a session change still shows up, without waiting for the cache age. */
@QuarkusTest
@TestProfile(ActiveUserFiguresTest.CachedFigures.class)
@WithTestResource(RedisProxyResource.class)
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class ActiveUserFiguresTest {

    /** A cache age far longer than the test: only the change notification can refresh the figures. */
    public static class CachedFigures implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("monitoring.sessions.figures-max-age", "1h");
        }
    }

    @Inject
    Fixtures fixtures;

    @Test
    void aLoginRefreshesTheCachedFigures() {
        fixtures.reset();
        String admin = bearer("ada", "admin");
        given().auth().oauth2(admin).when().get("/api/sessions/active").then().body("activeUsers", equalTo(0));

        fixtures.publish(login("s-cached", "cora", Instant.now(), "teacher"));

        // the list is always live; the counts follow once the background refresh after the change has run
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(admin)
                .when().get("/api/sessions/active")
                .then().body("sessions.size()", equalTo(1))
                .body("activeUsers", equalTo(1))
                .body("byRole.teacher", equalTo(1)));
    }
}
