package io.trackersuite.monitoring.sessions;

import static io.restassured.RestAssured.given;
import static io.trackersuite.monitoring.Fixtures.activity;
import static io.trackersuite.monitoring.Fixtures.login;
import static io.trackersuite.monitoring.Fixtures.logout;
import static io.trackersuite.testing.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.trackersuite.monitoring.Fixtures;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.RedisProxyResource;

/** The admin API over login sessions, as the dashboard and an admin's scripts use it. */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class SessionResourceTest {

    @Inject
    Fixtures fixtures;

    private final String admin = bearer("ada", "admin");
    private Instant t0;

    @BeforeEach
    void threeUsersLoggedInAndOneLoggedOut() {
        fixtures.reset();
        t0 = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        fixtures.publish(login("s-alice-laptop", "alice", t0, "teacher"));
        fixtures.publish(login("s-alice-phone", "alice", t0.plusSeconds(60), "teacher"));
        fixtures.publish(login("s-bob", "bob", t0.plusSeconds(120), "student"));
        fixtures.publish(login("s-carol", "carol", t0.plusSeconds(180), "admin", "teacher"));
        fixtures.publish(login("s-dan", "dan", t0.plusSeconds(240), "student"));
        fixtures.publish(logout("s-dan", t0.plusSeconds(300)));
        // recent activity for all but bob, who was last seen 18 minutes ago
        Instant recent = Instant.now().minus(1, ChronoUnit.MINUTES);
        fixtures.publish(activity("s-alice-laptop", recent));
        fixtures.publish(activity("s-alice-phone", recent));
        fixtures.publish(activity("s-carol", recent));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                fixtures.count("select count(*) from user_sessions where last_activity > login_time and active")).isEqualTo(3));
    }

    @Test
    void activeUsersCountDistinctLoggedInUsersByRoleWithinTheWindow() {
        given().auth().oauth2(admin).queryParam("minutes", 5)
                .when().get("/api/sessions/active")
                .then().statusCode(200)
                .body("windowMinutes", equalTo(5))
                .body("activeUsers", equalTo(2))
                .body("activeSessions", equalTo(3))
                .body("byRole.teacher", equalTo(1))
                .body("byRole.admin", equalTo(1))
                // every known role is listed, the empty ones with 0, and who is in each, as the original showed it
                .body("byRole.student", equalTo(0))
                .body("byRole.keySet()", contains("admin", "operator", "teacher", "student", "viewer"))
                .body("usersByRole.teacher", contains("alice"))
                .body("usersByRole.admin", contains("carol"))
                .body("usersByRole.student", empty())
                .body("sessions.sessionId", containsInAnyOrder("s-alice-laptop", "s-alice-phone", "s-carol"))
                .body("sessions.find { it.sessionId == 's-carol' }.role", equalTo("admin"))
                .body("sessions.find { it.sessionId == 's-carol' }.browser", equalTo("Chrome 120"))
                .body("sessions.find { it.sessionId == 's-carol' }.os", equalTo("Windows 10"))
                .body("sessions.find { it.sessionId == 's-carol' }.ip", equalTo("203.0.113.10"));

        // a wider window also counts bob, who is logged in but idle
        given().auth().oauth2(admin).queryParam("minutes", 30)
                .when().get("/api/sessions/active")
                .then().statusCode(200)
                .body("activeUsers", equalTo(3))
                .body("byRole.student", equalTo(1))
                .body("usersByRole.student", contains("bob"));
    }

    @Test
    void historyFiltersAndPagesNewestFirst() {
        Response first = given().auth().oauth2(admin).queryParam("limit", 2)
                .when().get("/api/sessions");
        first.then().statusCode(200)
                .body("items.sessionId", contains("s-dan", "s-carol"))
                .body("items[0].endReason", equalTo("LOGOUT"))
                .body("items[0].durationSeconds", equalTo(60))
                .body("nextCursor", not(nullValue()));

        given().auth().oauth2(admin).queryParam("limit", 2).queryParam("cursor", first.path("nextCursor").toString())
                .when().get("/api/sessions")
                .then().statusCode(200)
                .body("items.sessionId", contains("s-bob", "s-alice-phone"));

        given().auth().oauth2(admin).queryParam("user", "alice").queryParam("state", "active")
                .when().get("/api/sessions")
                .then().statusCode(200)
                .body("items.sessionId", contains("s-alice-phone", "s-alice-laptop"))
                .body("nextCursor", nullValue());

        given().auth().oauth2(admin).queryParam("role", "student").queryParam("state", "ended")
                .when().get("/api/sessions")
                .then().statusCode(200)
                .body("items.username", contains("dan"));

        given().auth().oauth2(admin).queryParam("from", t0.plusSeconds(100).toString()).queryParam("to", t0.plusSeconds(200).toString())
                .when().get("/api/sessions")
                .then().statusCode(200)
                .body("items.sessionId", contains("s-carol", "s-bob"));
    }

    @Test
    void sqlLookingFiltersAreJustValuesThatMatchNothing() {
        given().auth().oauth2(admin).queryParam("user", "alice' or '1'='1")
                .when().get("/api/sessions")
                .then().statusCode(200)
                .body("items", hasSize(0));
        assertThat(fixtures.count("select count(*) from user_sessions")).isEqualTo(5);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "/api/sessions/active?minutes=abc|minutes|'minutes' must be a whole number",
            "/api/sessions/active?minutes=0|minutes|'minutes' must be between 1 and 1440",
            "/api/sessions/active?limit=5000|limit|'limit' must be between 0 and 1000",
            "/api/sessions/active?minutes=99999999999|minutes|'minutes' must be between 1 and 1440",
            "/api/sessions/active?minutes=5&minutes=6|minutes|'minutes' is given more than once",
            "/api/sessions?user=a%00b|user|'user' must not contain control characters",
            "/api/sessions?role=superuser|role|'role' must be one of admin, operator, teacher, student, viewer",
            "/api/sessions?state=zombie|state|'state' must be one of active, ended",
            "/api/sessions?from=yesterday|from|'from' must be an ISO-8601 instant such as 2026-11-24T09:00:00Z",
            "/api/sessions?from=2026-11-24T10:00:00Z&to=2026-11-24T09:00:00Z|from|'from' is after 'to'",
            "/api/sessions?cursor=not-a-cursor|cursor|'cursor' is not a cursor returned by this API",
            "/api/sessions?ip=localhost;drop|ip|'ip' must be an IPv4 or IPv6 address"
    })
    void invalidParametersAreRefusedWithAProblemNamingThem(String url, String parameter, String detail) {
        given().auth().oauth2(admin).urlEncodingEnabled(false)
                .when().get(url)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("parameter", equalTo(parameter))
                .body("detail", equalTo(detail));
    }

    @Test
    void onlyAdminsSeeSessions() {
        given().when().get("/api/sessions/active").then().statusCode(401);
        given().auth().oauth2("not-a-token").when().get("/api/sessions/active").then().statusCode(401);
        given().auth().oauth2(bearer("tom", "teacher", "operator")).when().get("/api/sessions/active").then().statusCode(403);
        given().auth().oauth2(bearer("tom", "viewer")).when().post("/api/sessions/s-bob/terminate").then().statusCode(403);
        assertThat(fixtures.text("select end_reason from user_sessions where session_id = 's-bob'")).isNull();
    }

    @Test
    void terminatingASessionEndsItAndTellsTheGateways() {
        given().auth().oauth2(admin)
                .when().post("/api/sessions/s-bob/terminate")
                .then().statusCode(200)
                .body("sessionId", equalTo("s-bob"))
                .body("active", equalTo(false))
                .body("endReason", equalTo("FORCED"));

        assertThat(fixtures.text("select end_reason from user_sessions where session_id = 's-bob'")).isEqualTo("FORCED");
        List<String> control = fixtures.sessionControl().stream().map(entry -> entry.get("event")).toList();
        assertThat(control).hasSize(1);
        assertThat(control.get(0)).contains("\"type\":\"SESSION_TERMINATED\"", "\"sessionId\":\"s-bob\"",
                "\"username\":\"bob\"", "\"terminatedBy\":\"ada\"");

        given().auth().oauth2(admin).when().post("/api/sessions/s-bob/terminate")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already ended (FORCED)"));
        given().auth().oauth2(admin).when().post("/api/sessions/s-nobody/terminate")
                .then().statusCode(404).contentType("application/problem+json");
        // PostgreSQL cannot compare text holding a NUL: refused before the query, nothing ended
        given().auth().oauth2(admin).urlEncodingEnabled(false).when().post("/api/sessions/s-alice%00/terminate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo("sessionId"));
        given().auth().oauth2(admin).queryParam("minutes", 30).when().get("/api/sessions/active")
                .then().body("activeUsers", equalTo(2));
    }
}
