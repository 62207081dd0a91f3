package io.trackersuite.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trackersuite.testing.RedisProxyResource;

/**
 * A real OIDC sign-in at the gateway becomes a session row in the real monitoring-service (LOGIN through the Redis
 * stream), sign-out ends it, and a session an admin terminates is locked out at the gateway.
 */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(SuiteResource.class)
class LoginSessionTest {

    private static final String ADMIN_TOKEN = Tokens.of("auditor", "admin");

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void signInCreatesASessionWithTheRolesAndSignOutEndsIt() throws Exception {
        BrowserSession browser = new BrowserSession(port);
        String userAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0 login-" + System.nanoTime();
        browser.signIn(userAgent);

        Map<String, Object> session = awaitSession(userAgent, true);
        assertThat(session.get("username")).isEqualTo("alice");
        assertThat(session.get("role")).isEqualTo("admin");
        assertThat(session.get("roles")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).contains("admin", "teacher");
        assertThat(session.get("ip")).isEqualTo("127.0.0.1");

        // the signed-in browser reaches the admin API with its session cookie alone (the gateway adds the token)
        HttpResponse<String> active = browser.get("/api/sessions/active");
        assertThat(active.statusCode()).as(active.body()).isEqualTo(200);
        assertThat(active.body()).contains(session.get("sessionId").toString());

        HttpResponse<Stream<String>> feed = browser.stream("/api/sessions/active/feed");
        assertThat(feed.statusCode()).isEqualTo(200);
        CompletableFuture<Void> feedEnded = CompletableFuture.runAsync(() -> feed.body().forEach(line -> {
        }));

        // the mock provider takes no server-to-server logout, so the browser is sent through its end-session page
        HttpResponse<String> logout = browser.post("/logout");
        ended(feedEnded); // every replica cuts what the session still has open
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().firstValue("Location").orElseThrow()).contains("end-session")
                .contains("id_token_hint=").contains("post_logout_redirect_uri=");
        Map<String, Object> ended = awaitSession(userAgent, false);
        assertThat(ended.get("endReason")).isEqualTo("LOGOUT");
        assertThat(browser.get("/api/gateway/account").body()).contains("\"authenticated\":false");
    }

    @Test
    void aTerminatedSessionIsRefusedAtTheGateway() throws Exception {
        BrowserSession browser = new BrowserSession(port);
        String userAgent = "Mozilla/5.0 (Macintosh) Safari/605.1.15 terminate-" + System.nanoTime();
        browser.signIn(userAgent);
        String sessionId = awaitSession(userAgent, true).get("sessionId").toString();
        assertThat(browser.get("/api/gateway/account").body()).contains("\"authenticated\":true");
        String saved = "q_session=" + browser.cookie("q_session");
        // the live feed the session has open is cut with it, not left streaming to a terminated user
        HttpResponse<Stream<String>> feed = browser.stream("/api/sessions/active/feed");
        assertThat(feed.statusCode()).isEqualTo(200);
        CountDownLatch firstEvent = new CountDownLatch(1);
        CompletableFuture<Void> feedEnded = CompletableFuture.runAsync(() -> feed.body().forEach(line -> {
            if (line.startsWith("data:")) {
                firstEvent.countDown();
            }
        }));
        assertThat(firstEvent.await(10, TimeUnit.SECONDS)).as("the feed's first figures").isTrue();
        // so is the live list an admin sees unmasked
        CompletableFuture<Void> socketEnded = new CompletableFuture<>();
        java.net.http.HttpClient.newHttpClient().newWebSocketBuilder().header("Cookie", saved)
                .header("Origin", "http://localhost:" + port)
                .buildAsync(java.net.URI.create("ws://localhost:" + port + "/api/presence/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        socketEnded.complete(null);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        socketEnded.complete(null);
                    }
                }).get(10, TimeUnit.SECONDS);

        given().auth().oauth2(ADMIN_TOKEN).when().post("/api/sessions/" + sessionId + "/terminate")
                .then().statusCode(200);
        ended(feedEnded);
        ended(socketEnded);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            // the saved cookie, replayed: the browser itself keeps its cookie for the page load below
            HttpResponse<String> refused = browser.replay("/api/gateway/account", saved);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("an administrator ended this session");
        });
        // a page load lands on the page that says why (the cookie is cleared on the way)
        HttpResponse<String> page = browser.get("/admin/", "text/html", userAgent);
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location").orElseThrow()).isEqualTo("/signed-out?reason=terminated");
        assertThat(browser.get("/signed-out?reason=terminated", "text/html", userAgent).body())
                .contains("An administrator ended your session.");
    }

    /** The stream ends within 10 s, cut (an I/O error for the reader) or closed: either way it stops. */
    private static void ended(CompletableFuture<Void> reading) throws Exception {
        reading.handle((done, cut) -> null).get(10, TimeUnit.SECONDS);
    }

    /** The session of this test's browser (told apart by its User-Agent), as monitoring-service lists it. */
    private static Map<String, Object> awaitSession(String userAgent, boolean active) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonPath history = given().auth().oauth2(ADMIN_TOKEN).queryParam("user", "alice")
                    .queryParam("state", active ? "active" : "ended")
                    .when().get("/api/sessions").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = history.getList("items");
            return items.stream().filter(s -> userAgent.equals(s.get("userAgent"))).findFirst().orElse(null);
        }, session -> session != null);
    }
}
