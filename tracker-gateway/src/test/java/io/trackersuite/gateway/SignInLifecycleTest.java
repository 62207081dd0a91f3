package io.trackersuite.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trackersuite.testing.RedisProxyResource;
import io.vertx.core.json.JsonObject;

/**
 * The whole sign-in lifecycle against a real Keycloak with the local realm (access tokens living 10 s): a sign-in
 * lasts while it is used and stays one login session, sign-out and an admin's termination end both our session and
 * the provider's from any state, and cookies saved before are worthless afterwards. Session rows are read from the
 * real monitoring-service.
 */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(value = SuiteResource.class, initArgs = @ResourceArg(name = "oidc", value = "keycloak"))
class SignInLifecycleTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    RedisDataSource redis;

    /** The refused tokens below count as failed attempts of this machine's IP: no test may inherit a lock-out. */
    @BeforeEach
    @AfterEach
    void forgetFailedAttempts() {
        LockOuts.forget(redis);
    }

    @Test
    void aSignInLastsWhileItIsUsedAndStaysOneLoginSession() throws Exception {
        BrowserSession browser = new BrowserSession(port);
        String userAgent = "lifecycle-refresh-" + System.nanoTime();
        browser.signInWithPassword("admin", "admin-demo", userAgent);
        // three token lifetimes of steady use: every request is served (the forwarded token is always fresh)
        long end = System.nanoTime() + Duration.ofSeconds(3L * KeycloakProvider.TOKEN_LIFESPAN_SECONDS).toNanos();
        int requests = 0;
        while (System.nanoTime() < end) {
            HttpResponse<String> active = browser.get("/api/sessions/active", "application/json", userAgent);
            assertThat(active.statusCode()).as("request %d: %s", requests, active.body()).isEqualTo(200);
            requests++;
            Thread.sleep(2_000);
        }
        assertThat(sessions(userAgent, "active")).as("one login session for one sign-in").hasSize(1);
        assertThat(sessions(userAgent, "ended")).isEmpty();
    }

    @Test
    void signOutAfterTheTokensExpiredEndsOurSessionAndTheProviders() throws Exception {
        BrowserSession browser = new BrowserSession(port);
        String userAgent = "lifecycle-logout-" + System.nanoTime();
        browser.signInWithPassword("operator", "operator-demo", userAgent);
        String saved = "q_session=" + browser.cookie("q_session");
        awaitOneSession(userAgent, "active");
        Thread.sleep(Duration.ofSeconds(KeycloakProvider.TOKEN_LIFESPAN_SECONDS + 2L).toMillis()); // idle past expiry

        HttpResponse<String> logout = browser.post("/logout");
        assertThat(logout.statusCode()).isEqualTo(303);
        // the provider's session was ended server to server: no detour through its logout page
        assertThat(logout.headers().firstValue("Location").orElseThrow()).isEqualTo("/signed-out");
        assertThat(awaitOneSession(userAgent, "ended").get("endReason")).isEqualTo("LOGOUT");

        // the cookie saved before signing out is refused by the gateway
        HttpResponse<String> replayed = browser.replay("/api/v1/scans", saved);
        assertThat(replayed.statusCode()).isEqualTo(401);
        // and signing in again needs the password: the provider's session is gone
        assertThat(browser.providerLoginPage(userAgent).statusCode()).isEqualTo(200);
    }

    @Test
    void aTerminatedUserCannotGetBackInWithoutThePassword() throws Exception {
        BrowserSession browser = new BrowserSession(port);
        String userAgent = "lifecycle-terminate-" + System.nanoTime();
        browser.signInWithPassword("viewer", "viewer-demo", userAgent);
        String saved = "q_session=" + browser.cookie("q_session");
        String sessionId = awaitOneSession(userAgent, "active").get("sessionId").toString();

        given().auth().oauth2(adminToken()).when().post("/api/sessions/" + sessionId + "/terminate")
                .then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> refused = browser.replay("/api/v1/scans", saved);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("an administrator ended this session");
        });
        HttpResponse<String> page = browser.get("/scans/", "text/html", userAgent);
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location").orElseThrow()).isEqualTo("/signed-out?reason=terminated");
        // without any of our cookies the provider asks for the password again: its session ended with ours
        assertThat(browser.providerLoginPage(userAgent).statusCode()).isEqualTo(200);
        assertThat(sessions(userAgent, "active")).isEmpty();
    }

    @Test
    void onlyAccessTokensIssuedForTheSuiteAreAccepted() {
        KeycloakProvider keycloak = SuiteResource.keycloak();
        JsonObject gateway = keycloak.passwordGrant("tracker-gateway", KeycloakProvider.CLIENT_SECRET, "admin",
                "admin-demo", "openid");
        given().auth().oauth2(gateway.getString("access_token")).when().get("/api/sessions/active")
                .then().statusCode(200);
        // the ID token proves a sign-in to the gateway's client; it grants no access
        given().auth().oauth2(gateway.getString("id_token")).when().get("/api/sessions/active")
                .then().statusCode(401);
        // a token of another client of the same realm has no audience of ours
        JsonObject adminCli = keycloak.passwordGrant("admin-cli", null, "admin", "admin-demo", null);
        given().auth().oauth2(adminCli.getString("access_token")).when().get("/api/sessions/active")
                .then().statusCode(401);
    }

    private static String adminToken() {
        return SuiteResource.keycloak().passwordGrant("tracker-gateway", KeycloakProvider.CLIENT_SECRET, "admin",
                "admin-demo", null).getString("access_token");
    }

    private static List<Map<String, Object>> sessions(String userAgent, String state) {
        JsonPath history = given().auth().oauth2(adminToken()).queryParam("state", state).queryParam("limit", 100)
                .when().get("/api/sessions").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = history.getList("items");
        return items.stream().filter(s -> userAgent.equals(s.get("userAgent"))).toList();
    }

    private static Map<String, Object> awaitOneSession(String userAgent, String state) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> sessions(userAgent, state), list -> list.size() == 1).get(0);
    }
}
