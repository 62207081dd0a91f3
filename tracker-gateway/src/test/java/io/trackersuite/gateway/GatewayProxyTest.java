package io.trackersuite.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesRegex;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackersuite.testing.RedisProxyResource;

/** Requests through the gateway reach the real services, with the right headers; broken upstreams give problems. */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(SuiteResource.class)
class GatewayProxyTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void forwardsToSessionServiceWithSecurityHeaders() {
        given().when().get("/api/instance")
                .then().statusCode(200)
                .body("host", notNullValue())
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "strict-origin-when-cross-origin")
                // the original tracker's clients read how long each answer took
                .header("X-Response-Time", org.hamcrest.Matchers.matchesRegex("\\d+\\.\\d{3}ms"))
                // session-service sends no Date; a proxy adds one (RFC 9110 6.6.1), in the IMF-fixdate form
                .header("Date", matchesRegex("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} [0-9:]{8} GMT"));
    }

    @Test
    void bodiesCrossTheGatewayBothWaysWithoutTheConnectionsOwnHeaders() throws Exception {
        String response = exchange("POST /api/v1/echo HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                + SuiteResource.ADMIN_KEY + "\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n"
                + "Keep-Alive: timeout=99\r\nTE: trailers\r\nProxy-Authorization: Basic eDp5\r\n"
                + "Connection: close\r\n\r\nhello world");
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase();
        String seen = dechunk(response.substring(head.length() + 4));
        assertThat(head).startsWith("http/1.1 200").contains("\r\ntransfer-encoding: chunked")
                .doesNotContain("keep-alive: timeout=42");
        // what the service received: the body, its length, and none of the client's connection headers
        assertThat(seen).endsWith("\n\nhello world").contains("content-length: 11\n")
                .doesNotContain("keep-alive").doesNotContain("te: trailers").doesNotContain("proxy-authorization");
    }

    @Test
    void aTransferCodingOtherThanChunkedIsRefused() throws Exception {
        assertThat(exchange("GET /api/instance HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n"
                + "Connection: close\r\n\r\n")).startsWith("HTTP/1.1 400");
    }

    @Test
    void theServiceSeesTheRealPeerNotAForgedForwardedForNorTheSessionCookie() {
        String seen = given().header("X-API-Key", SuiteResource.VIEWER_KEY)
                .header("X-Forwarded-For", "203.0.113.66")
                .header("X-Forwarded-Host", "evil.example")
                .header("Cookie", "q_session=abc; tracker_sid=x.y")
                .when().get("/api/v1/echo")
                .then().statusCode(200).extract().asString();
        assertThat(seen).contains("x-forwarded-for: 127.0.0.1\n")
                .contains("x-forwarded-proto: http\n")
                .contains("x-forwarded-host: localhost:" + port)
                .doesNotContain("203.0.113.66").doesNotContain("evil.example")
                .doesNotContain("cookie")
                // the scanner route passes the checked key on: the scanner verifies it too, for its audit
                .contains("x-api-key: " + SuiteResource.VIEWER_KEY + "\n");
    }

    @Test
    void aSilentServiceGivesGatewayTimeout() {
        given().header("X-API-Key", SuiteResource.VIEWER_KEY)
                .when().get("/api/v1/slow")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("status", equalTo(504))
                .body("detail", containsString("did not answer in time"));
    }

    @Test
    void aServiceThatHangsUpGivesBadGateway() {
        given().header("X-API-Key", SuiteResource.VIEWER_KEY)
                .when().get("/api/v1/hang-up")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Gateway"))
                .body(not(containsString("Exception")));
    }

    @Test
    void presenceWebSocketThroughTheGatewayGetsSnapshotAndJoins() throws Exception {
        List<String> first = new CopyOnWriteArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("ws://localhost:" + port + "/api/presence/ws");
        WebSocket one = client.newWebSocketBuilder().header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0")
                .buildAsync(uri, collector(first)).get(10, TimeUnit.SECONDS);
        await().atMost(10, TimeUnit.SECONDS).until(() -> first.stream().anyMatch(m -> m.contains("\"snapshot\"")));
        List<String> second = new CopyOnWriteArrayList<>();
        WebSocket two = client.newWebSocketBuilder().buildAsync(uri, collector(second)).get(10, TimeUnit.SECONDS);
        await().atMost(10, TimeUnit.SECONDS).until(() -> second.stream().anyMatch(m -> m.contains("\"snapshot\"")));
        // the first visitor is told about the second one: a delta with a join, not a new snapshot
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> first.stream().anyMatch(m -> m.contains("\"delta\"") && m.contains("\"joined\":[{")));
        two.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> first.stream().anyMatch(m -> m.contains("\"delta\"") && m.contains("\"left\":[\"")));
        one.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Test
    void webSocketsNeverTakeTheConnectionsOfPlainRequests() throws Exception {
        // the test profile keeps 8 connections per service for requests: more sockets than that stay open
        // side by side, and a plain request still gets through while they do
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("ws://localhost:" + port + "/api/presence/ws");
        List<List<String>> received = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            List<String> messages = new CopyOnWriteArrayList<>();
            received.add(messages);
            sockets.add(client.newWebSocketBuilder().buildAsync(uri, collector(messages)).get(10, TimeUnit.SECONDS));
        }
        await().atMost(15, TimeUnit.SECONDS).until(() -> received.stream()
                .allMatch(messages -> messages.stream().anyMatch(m -> m.contains("\"snapshot\""))));
        given().when().get("/api/instance").then().statusCode(200);
        for (WebSocket socket : sockets) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void clientsThatLeaveBeforeTheirAnswerGiveTheServiceConnectionsBack() throws Exception {
        // 200 requests whose clients reset their connection at once, 25 at a time, against the 8 connections per
        // service of the test profile: one connection kept per such request would leave the requests after them
        // waiting for one until the route's timeout
        byte[] request = "GET /api/instance HTTP/1.1\r\nHost: localhost\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 8; round++) {
            List<Socket> clients = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                Socket client = new Socket("localhost", port);
                client.getOutputStream().write(request);
                clients.add(client);
            }
            for (Socket client : clients) {
                client.setSoLinger(true, 0); // a reset, as a client that gives up sends
                client.close();
            }
        }
        for (int i = 0; i < 20; i++) {
            given().when().get("/api/instance").then().statusCode(200);
        }
    }

    /** One request byte for byte on a connection of its own, and everything the gateway answers until it closes. */
    private String exchange(String request) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static WebSocket.Listener collector(List<String> messages) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
    }
}
