package io.trackersuite.monitoring.sessions;

import static io.trackersuite.monitoring.Fixtures.login;
import static io.trackersuite.monitoring.Fixtures.logout;
import static io.trackersuite.testing.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.monitoring.Fixtures;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.RedisProxyResource;

/** The dashboard's live feed: figures on connect, then a push for each change (events or time), none without one. */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class ActiveUsersFeedTest {

    @Inject
    Fixtures fixtures;

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/api/sessions/active/feed")
    URI feed;

    @BeforeEach
    void reset() {
        fixtures.reset();
    }

    @Test
    void pushesTheFiguresWhenALoginOrLogoutChangesThem() throws Exception {
        BlockingQueue<JsonNode> pushes = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> connection = subscribe(pushes);
        try {
            JsonNode initial = next(pushes);
            assertThat(initial.get("activeUsers").asLong()).isZero();

            fixtures.publish(login("s-feed-1", "fiona", Instant.now(), "teacher"));
            JsonNode afterLogin = next(pushes);
            assertThat(afterLogin.get("activeUsers").asLong()).isEqualTo(1);
            assertThat(afterLogin.get("byRole").get("teacher").asLong()).isEqualTo(1);

            fixtures.publish(logout("s-feed-1", Instant.now()));
            assertThat(next(pushes).get("activeUsers").asLong()).isZero();

            // an event that changes no figure pushes nothing
            fixtures.publish(logout("s-feed-1", Instant.now()));
            assertThat(pushes.poll(1500, TimeUnit.MILLISECONDS)).isNull();
        } finally {
            connection.cancel(true);
        }
    }

    @Test
    void aUserWhoseActivityLeavesTheWindowIsDroppedWithoutAnyEvent() throws Exception {
        BlockingQueue<JsonNode> pushes = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> connection = subscribe(pushes);
        try {
            assertThat(next(pushes).get("activeUsers").asLong()).isZero();
            // last seen 6 s before the edge of the 5-minute window: counted now, not in a few seconds
            Instant nearTheEdge = Instant.now().minus(Duration.ofMinutes(5)).plusSeconds(6);
            fixtures.publish(login("s-feed-edge", "edgar", nearTheEdge, "student"));
            assertThat(next(pushes).get("activeUsers").asLong()).isEqualTo(1);
            // nothing else happens: the feed's own recheck (every second in tests) notices the window moved on
            assertThat(next(pushes).get("activeUsers").asLong()).isZero();
        } finally {
            connection.cancel(true);
        }
    }

    @Test
    void theFeedIsForAdminsOnly() throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(feed).header("Authorization", "Bearer " + bearer("sam", "student")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    /** Follows the feed as an admin; every pushed figure lands in {@code pushes}. */
    private CompletableFuture<HttpResponse<Stream<String>>> subscribe(BlockingQueue<JsonNode> pushes) {
        CompletableFuture<HttpResponse<Stream<String>>> connection = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(feed).header("Authorization", "Bearer " + bearer("ada", "admin"))
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        connection.thenAccept(response -> response.body()
                .filter(line -> line.startsWith("data:"))
                .forEach(line -> pushes.add(read(line.substring(5)))));
        return connection;
    }

    private static JsonNode next(BlockingQueue<JsonNode> pushes) throws InterruptedException {
        JsonNode push = pushes.poll(Duration.ofSeconds(15).toMillis(), TimeUnit.MILLISECONDS);
        assertThat(push).as("a push from the live feed").isNotNull();
        return push;
    }

    private JsonNode read(String data) {
        try {
            return json.readTree(data.trim());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
