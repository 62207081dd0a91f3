package io.trackersuite.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.trackersuite.testing.RedisProxyResource;

/** Each kind of bad input gets a clear JSON problem and reaches no service. */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(SuiteResource.class)
class GatewaySecurityTest {

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @BeforeEach
    @AfterEach
    void forgetFailedAttempts() {
        LockOuts.forget(redis);
    }

    @Test
    void anonymousCallersGet401AndBrowsersAreSentToSignIn() {
        given().when().get("/api/sessions/active")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        given().config(RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)))
                .accept("text/html").when().get("/api/sessions/active")
                .then().statusCode(302)
                .header("Location", containsString("/login?redirect=%2Fapi%2Fsessions%2Factive"));
    }

    @Test
    void aValidTokenWithoutTheRoleGets403() {
        given().auth().oauth2(Tokens.of("val", "viewer"))
                .when().get("/api/sessions/active")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("admin"));
    }

    @Test
    void anAdminTokenIsForwardedAndAccepted() {
        given().auth().oauth2(Tokens.of("ada", "admin"))
                .when().get("/api/sessions/active")
                .then().statusCode(200)
                .body("activeUsers", greaterThanOrEqualTo(0));
    }

    @Test
    void invalidAndExpiredTokensGet401Problems() {
        given().auth().oauth2("not-a-jwt")
                .when().get("/api/instance")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", equalTo("invalid or expired credentials"));
        given().auth().oauth2(Tokens.expired("old", "admin"))
                .when().get("/api/sessions/active")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void apiKeysAreCheckedAndCarryTheirRole() {
        given().header("X-API-Key", "not-a-key").when().get("/api/v1/echo")
                .then().statusCode(401).body("detail", equalTo("malformed API key"));
        given().header("X-API-Key", "tsk_test-viewer_" + "x".repeat(40)).when().get("/api/v1/echo")
                .then().statusCode(401).body("detail", equalTo("unknown or revoked API key"));
        given().header("X-API-Key", SuiteResource.VIEWER_KEY).when().get("/api/v1/echo")
                .then().statusCode(200);
        // viewer may read the scanner but not change anything there, nor see sessions
        given().header("X-API-Key", SuiteResource.VIEWER_KEY).when().post("/api/v1/echo")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("X-API-Key", SuiteResource.VIEWER_KEY).when().get("/api/sessions/active")
                .then().statusCode(403);
    }

    @Test
    void repeatedFailuresLockTheClientOut() {
        for (int i = 0; i < 4; i++) {
            given().header("X-API-Key", "tsk_guess_" + "g".repeat(40)).when().get("/api/v1/echo")
                    .then().statusCode(401);
        }
        // failures are counted without holding up the answer: the lock-out is in place a moment later, and then
        // even the right key is refused while the client IP is locked out
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> given().header("X-API-Key", SuiteResource.VIEWER_KEY)
                .when().get("/api/v1/echo")
                .then().statusCode(429)
                .header("Retry-After", not(equalTo("0")))
                .body("detail", containsString("failed sign-in attempts")));
    }

    @Test
    void traversalAndEncodedSlashesAreRefused() throws IOException {
        // sent byte for byte over a socket: HTTP client libraries would tidy these paths up before sending
        for (String path : new String[] { "/api/presence/../sessions/active", "/api/presence/..%2fsessions%2factive",
                "/api/v1/%2e%2e/echo", "/api/instance%00", "/api//sessions/active" }) {
            String response = rawGet(path, Tokens.of("ada", "admin"));
            assertThat(response).as(path).startsWith("HTTP/1.1 400")
                    .contains("application/problem+json")
                    .contains("dot segments or encoded separators");
        }
        // a backslash, which some servers read as a slash, is refused as well
        assertThat(rawGet("/api/v1/..\\sessions", Tokens.of("ada", "admin"))).startsWith("HTTP/1.1 400");
    }

    private String rawGet(String path, String token) throws IOException {
        return rawGet(path, token, "application/json");
    }

    private String rawGet(String path, String token, String accept) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: " + accept
                    + (token == null ? "" : "\r\nAuthorization: Bearer " + token)
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void browsersGetReadablePagesAndApiClientsProblemsForTheSameError() throws IOException {
        given().accept("text/html").when().get("/no-such-page")
                .then().statusCode(404).contentType("text/html")
                .body(containsString("404 · Not Found"), containsString("href=\"/\""), not(containsString("{")));
        given().accept("application/json").when().get("/api/no-such-api")
                .then().statusCode(404).contentType("application/problem+json").body("title", equalTo("Not Found"));
        // a refused path loaded as a page
        assertThat(rawGet("/admin/../scans/", null, "text/html")).startsWith("HTTP/1.1 400")
                .contains("Content-Type: text/html").contains("400 · Bad Request")
                .contains("dot segments or encoded separators");
        // a bad query parameter on one of the gateway's own pages, and on its own API
        given().accept("text/html").when().get("/signed-out?reason=terminated&reason=x")
                .then().statusCode(400).contentType("text/html")
                .body(containsString("400 · Invalid request"), containsString("given more than once"),
                        not(containsString("{")));
        given().accept("application/json").when().get("/api/gateway/account?who=me")
                .then().statusCode(400).contentType("application/problem+json").body("parameter", equalTo("who"));
    }

    @Test
    void oversizedBodiesAndHeadersAreRefused() {
        given().contentType("application/json").body("{\"page\":\"" + "x".repeat(20_000) + "\"}")
                .when().post("/api/track")
                .then().statusCode(413)
                .contentType("application/problem+json");
        given().header("X-Padding", "y".repeat(20_000))
                .when().get("/api/instance")
                .then().statusCode(431);
    }

    @Test
    void crossSiteChangesWithTheSessionCookieAreRefused() {
        given().header("Cookie", "q_session=anything").header("Origin", "https://evil.example")
                .when().post("/api/sessions/some-session/terminate")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("cross-site"));
    }

    @Test
    void corsIsNotOpenToOtherOrigins() {
        given().header("Origin", "https://evil.example")
                .when().get("/api/instance")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", (String) null);
    }

    @Test
    void anEncodedLetterCannotSkipTheBodyLimits() throws IOException {
        String body = "{\"page\":\"" + "x".repeat(20_000) + "\"}";
        String response = raw("POST /%61pi/track HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(response).startsWith("HTTP/1.1 400").contains("percent-encodes");
        String chunked = raw("POST /%61pi/track HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n");
        assertThat(chunked).startsWith("HTTP/1.1 400");
        assertThat(raw("POST /api/track HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n"))
                .startsWith("HTTP/1.1 411");
    }

    @Test
    void http2BodiesOfUnknownLengthAreRefused() throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            io.vertx.core.http.HttpClient client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                    .setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
            int status = client.request(io.vertx.core.http.HttpMethod.POST, port, "localhost", "/api/track")
                    .compose(request -> {
                        request.setChunked(true).putHeader("Content-Type", "application/json");
                        request.write("{\"page\":\"" + "x".repeat(20_000));
                        return request.end("\"}").compose(ignored -> request.response());
                    })
                    .map(io.vertx.core.http.HttpClientResponse::statusCode)
                    .toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(status).isEqualTo(411);
        } finally {
            vertx.close();
        }
    }

    @Test
    void webSocketsFromAnotherSiteAreRefused() throws IOException {
        String upgrade = "GET /api/presence/ws HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + Tokens.of("ada", "admin") + "\r\n";
        assertThat(raw(upgrade + "Origin: http://evil.example\r\n\r\n")).startsWith("HTTP/1.1 403")
                .contains("WebSocket from another site refused");
        assertThat(raw(upgrade + "Origin: http://localhost:" + port + "\r\n\r\n")).startsWith("HTTP/1.1 101");
    }

    @Test
    void userInputNeverCausesA500() throws Exception {
        assertThat(raw("GET /admin/ HTTP/1.0\r\nAccept: text/html\r\n\r\n")).startsWith("HTTP/1.0 400")
                .contains("send a Host header");
        given().contentType("application/json").body("{\"page\":\"/a\",\"page\":\"/b\"}")
                .when().post("/api/track")
                .then().statusCode(400).contentType("application/problem+json");
        BrowserSession browser = new BrowserSession(port);
        browser.signIn("gateway-test");
        java.net.http.HttpResponse<String> redirect = browser.get("/login?redirect=/x%7Cy");
        assertThat(redirect.statusCode()).isEqualTo(303);
        assertThat(redirect.headers().firstValue("Location").orElseThrow()).endsWith("/x%7Cy");
    }

    @Test
    void onlyAccessTokensIssuedForTheSuiteAreAccepted() {
        String otherClient = io.smallrye.jwt.build.Jwt.preferredUserName("ada").groups(java.util.Set.of("admin"))
                .issuer("https://server.example.com").audience("admin-cli").sign();
        given().auth().oauth2(otherClient).when().get("/api/sessions/active").then().statusCode(401);
        String idToken = io.quarkus.test.oidc.server.OidcWiremockTestResource.getIdToken("ada", java.util.Set.of("admin"));
        given().auth().oauth2(idToken).when().get("/api/sessions/active").then().statusCode(401);
        given().auth().oauth2(Tokens.of("ada", "admin")).when().get("/api/sessions/active").then().statusCode(200);
    }

    @Test
    void guessingAtAKnownKeyIdLocksOutOnlyTheGuesser() throws IOException {
        String guess = "tsk_test-viewer_" + "g".repeat(40);
        for (int i = 0; i < 4; i++) {
            assertThat(fromProxy("203.0.113.9", guess)).startsWith("HTTP/1.1 401");
        }
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(fromProxy("203.0.113.9",
                SuiteResource.VIEWER_KEY)).startsWith("HTTP/1.1 429"));
        // the key's real user, elsewhere, is not affected
        given().header("X-API-Key", SuiteResource.VIEWER_KEY).when().get("/api/v1/echo").then().statusCode(200);
    }

    @Test
    void signOutIsAPostFromOurOwnPages() {
        given().accept("text/html").when().get("/logout")
                .then().statusCode(200).body(containsString("<form method=\"post\" action=\"/logout\">"));
        given().header("Cookie", "q_session=anything").header("Origin", "https://evil.example")
                .when().post("/logout")
                .then().statusCode(403);
        given().redirects().follow(false).when().post("/logout")
                .then().statusCode(303).header("Location", "/signed-out");
    }

    @Test
    void viewersMayQueryAndDryRunThroughTheGatewayButNotChange() {
        given().header("X-API-Key", SuiteResource.VIEWER_KEY).contentType("application/json")
                .body("{\"resources\":[],\"filters\":{\"resource_type\":\"EC2_Instance\"}}")
                .when().post("/api/v1/resources/filter").then().statusCode(200);
        given().header("X-API-Key", SuiteResource.VIEWER_KEY).contentType("application/json").body("{}")
                .when().post("/api/v1/scans").then().statusCode(403);
        // the original API described itself to anyone, as it still does (the scanner's stand-in answers here)
        given().when().get("/api/v1/docs").then().statusCode(200);
    }

    @Test
    void aServiceNamingItsOwnAddressIsRewrittenToTheGateways() {
        given().header("X-API-Key", SuiteResource.ADMIN_KEY).contentType("application/json").body("{}")
                .when().post("/api/v1/scans")
                .then().statusCode(202)
                .header("Location", "http://localhost:" + port + "/api/v1/scans/42");
    }

    /** A request byte for byte from 127.0.0.1. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            return exchange(socket, request);
        }
    }

    /** A request from the trusted proxy's address (127.0.0.2) on behalf of {@code clientIp}. */
    private String fromProxy(String clientIp, String apiKey) throws IOException {
        try (Socket socket = new Socket(java.net.InetAddress.getByName("127.0.0.1"), port,
                java.net.InetAddress.getByName("127.0.0.2"), 0)) {
            return exchange(socket, "GET /api/v1/echo HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + clientIp
                    + "\r\nX-API-Key: " + apiKey + "\r\nConnection: close\r\n\r\n");
        }
    }

    private static String exchange(Socket socket, String request) throws IOException {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        byte[] buffer = new byte[8192];
        int read = socket.getInputStream().read(buffer); // the status line and headers are all a test needs
        return read < 0 ? "" : new String(buffer, 0, read, StandardCharsets.UTF_8);
    }
}
