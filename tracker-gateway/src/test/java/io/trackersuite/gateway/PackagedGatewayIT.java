package io.trackersuite.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesRegex;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.specification.RequestSpecification;
import io.trackersuite.testing.OperationsEndpointsContract;
import io.trackersuite.testing.RedisProxyResource;

/**
 * The packaged gateway (the JVM jar here, the native executable in the pipeline's native build) in front of the
 * packaged services: it serves the tracker page, proxies to session-service under the rate limit, tunnels the presence
 * WebSocket, and keeps operations data for admins. On a JDK 25 build this class is also the training run of the
 * gateway's AOT cache (pom.xml, profile aot-cache): the paths it exercises here start warm in production.
 */
@QuarkusIntegrationTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(SuiteResource.class)
class PackagedGatewayIT extends OperationsEndpointsContract {

    private static final int VISITORS = 20;

    @TestHTTPResource("/api/presence/ws")
    URI presence;

    @Override
    protected RequestSpecification operator() {
        return given().header("X-API-Key", SuiteResource.ADMIN_KEY);
    }

    @Test
    void theTrackerPageAndItsCallsAreServed() {
        given().accept("text/html").when().get("/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"));
        for (int i = 0; i < 1500; i++) {
            given().when().get("/api/instance").then().statusCode(200).body("instanceId", notNullValue())
                    .header("X-Response-Time", matchesRegex("\\d+\\.\\d{3}ms"));
        }
        for (int i = 0; i < 200; i++) {
            given().header("X-API-Key", SuiteResource.VIEWER_KEY).when().get("/api/qr").then().statusCode(200);
        }
    }

    @Test
    void everyVisitorThroughTheGatewaySeesTheOthersComeAndGo() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create(presence.toString().replaceFirst("^http", "ws"));
        List<List<String>> received = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < VISITORS; i++) {
                List<String> messages = new CopyOnWriteArrayList<>();
                received.add(messages);
                sockets.add(client.newWebSocketBuilder().buildAsync(uri, collector(messages)).get(10, TimeUnit.SECONDS));
                // each visitor's snapshot, then every earlier visitor is told of this one by a delta
                await().atMost(Duration.ofSeconds(10)).until(() -> received.stream()
                        .allMatch(m -> m.stream().anyMatch(text -> text.contains("\"snapshot\""))));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> received.subList(0, VISITORS - 1).stream()
                    .allMatch(m -> m.stream().anyMatch(text -> text.contains("\"joined\":[{"))));
            sockets.remove(VISITORS - 1).sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> received.subList(0, VISITORS - 1).stream()
                    .allMatch(m -> m.stream().anyMatch(text -> text.contains("\"left\":[\""))));
        } finally {
            for (WebSocket socket : sockets) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            }
        }
    }

    @Test
    void operationsDataIsForAdminsOnly() {
        given().header("X-API-Key", SuiteResource.VIEWER_KEY).accept("text/plain").when().get("/q/metrics")
                .then().statusCode(403);
    }

    private static WebSocket.Listener collector(List<String> messages) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                }
                socket.request(1);
                return null;
            }
        };
    }
}
