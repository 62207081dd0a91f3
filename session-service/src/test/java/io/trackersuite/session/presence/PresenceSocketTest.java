package io.trackersuite.session.presence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.session.instance.InstanceIdentity;
import io.trackersuite.testing.InjectRedisProxy;
import io.trackersuite.testing.RedisProxyResource;
import io.trackersuite.testing.ScrapedMetrics;
import io.trackersuite.testing.TcpProxy;
import io.trackersuite.testing.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The presence WebSocket with real clients over loopback and the real Redis (test profile: limit 6, 4 per IP). */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class PresenceSocketTest {

    static final String CHROME_ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36";

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Inject
    RedisDataSource redis;

    @Inject
    PresenceView view;

    @Inject
    PresenceConnections connections;

    @Inject
    PresenceStore store;

    @Inject
    PresenceSync sync;

    @Inject
    InstanceIdentity identity;

    @InjectRedisProxy
    TcpProxy redisProxy;

    private final List<PresenceClient> clients = new ArrayList<>();
    private int nextIp = 1;

    @BeforeEach
    void emptyPresence() {
        redisProxy.restore();
        // after an outage test the service resubscribes to the fan-out channel: a join made before that is never
        // delivered to the other clients, so wait until presence reports itself ready again
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(200));
        await().atMost(Duration.ofSeconds(10)).until(() -> view.viewers() == 0);
        redis.key().del(PresenceStore.SESSIONS, PresenceStore.HEARTBEATS);
        await().atMost(Duration.ofSeconds(10)).until(() -> view.total() == 0);
    }

    @AfterEach
    void disconnect() {
        clients.forEach(PresenceClient::close);
        clients.clear();
    }

    /** Loopback is a trusted proxy in the test profile, so X-Forwarded-For gives each client its own address. */
    private PresenceClient connect(String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        if (!all.contains("X-Forwarded-For")) {
            all.addAll(List.of("X-Forwarded-For", "198.51.100." + nextIp++));
        }
        PresenceClient client = PresenceClient.connect(vertx, base, all.toArray(String[]::new));
        clients.add(client);
        return client;
    }

    @Test
    void aVisitorGetsASnapshotThenSeesOthersJoinAndLeave() {
        double joinsBefore = metric("presence_joins_total");
        double fanOutsBefore = metric("presence_fanout_seconds_count");
        PresenceClient first = connect("User-Agent", CHROME_ANDROID, "X-Forwarded-For", "198.51.100.20");
        JsonObject snapshot = first.snapshot();
        assertThat(snapshot.getInteger("v")).isEqualTo(1);
        JsonObject you = snapshot.getJsonObject("you");
        assertThat(you.getString("ip")).isEqualTo("198.51.100.20");
        assertThat(you.getString("browser")).isEqualTo("Chrome Mobile");
        assertThat(you.getString("browserVersion")).isEqualTo("120");
        assertThat(you.getString("os")).isEqualTo("Android 14");
        assertThat(you.getString("device")).isEqualTo("mobile");
        assertThat(you.getString("instance")).isNotBlank();
        assertThat(Instant.parse(you.getString("connectedAt"))).isBeforeOrEqualTo(Instant.parse(snapshot.getString("serverTime")));
        first.awaitVisible(you.getString("id"));

        PresenceClient second = connect();
        String secondId = second.id();
        first.awaitVisible(secondId);
        assertThat(first.total()).isEqualTo(2);
        assertThat(second.snapshot().getLong("total")).isEqualTo(1); // the list as sent before its own join
        second.awaitVisible(secondId);

        // stored in Redis, so that every instance can list it
        assertThat(redis.hash(String.class).hkeys(PresenceStore.SESSIONS)).contains(secondId);

        second.close();
        first.awaitGone(secondId, Duration.ofSeconds(5));
        assertThat(first.total()).isEqualTo(1);
        assertThat(redis.hash(String.class).hkeys(PresenceStore.SESSIONS)).doesNotContain(secondId);
        // what the presence dashboard reads: two joins, and their deltas timed on their way out
        assertThat(metric("presence_joins_total")).isEqualTo(joinsBefore + 2);
        assertThat(metric("presence_fanout_seconds_count")).isGreaterThan(fanOutsBefore);
    }

    @Test
    void aBurstOfJoinsIsOneMessageAfterTheFirstAndTheVisibleListIsBoundedWhileTheTotalIsExact() {
        PresenceClient observer = connect();
        observer.awaitVisible(observer.id());
        sleep(100); // a quiet view: the first change of the burst goes out at once, the rest together after it
        int before = observer.messages.size();
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            view.joined(new PresenceSession("burst-" + i, "192.0.2." + i, "", "Other", null, "Other", "desktop",
                    now.plusMillis(i), "elsewhere", "other-replica"));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.total() == 6);
        List<JsonObject> deltas = observer.messages.subList(before, observer.messages.size());
        assertThat(deltas).hasSize(2);
        deltas.forEach(PresenceClient::assertDeltaShape);
        assertThat(deltas.get(0).getJsonArray("joined")).hasSize(1);
        // visible-sessions is 3 in the test profile: the newest three, and the observer's own entry left the list
        assertThat(observer.visibleIds()).containsExactlyInAnyOrder("burst-4", "burst-3", "burst-2");
        for (int i = 0; i < 5; i++) {
            view.left("burst-" + i);
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedAndCostsNoMoreThanItsQueueWhileOthersKeepUp() throws Exception {
        PresenceClient reader = connect();
        reader.snapshot();
        double closedBefore = slowClosedCount();
        try (NonReadingClient stalled = NonReadingClient.open(base, "198.51.100.250")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> view.viewers() == 2);
            String userAgent = "A".repeat(8_000); // 8 KB deltas: the socket buffers (a few MB) fill within 1,000
            Instant now = Instant.now();
            for (int i = 0; i < 5_000 && (i % 100 != 0 || slowClosedCount() == closedBefore); i++) {
                view.joined(new PresenceSession("flood-" + i, "192.0.2.1", userAgent, "Other", null, "Other",
                        "desktop", now.plusMillis(i), "elsewhere", "other-replica"));
                view.flush();
                view.left("flood-" + i);
            }
            assertThat(slowClosedCount()).isEqualTo(closedBefore + 1);
            // the stalled client is dropped (after the close handshake times out); the reader kept every message
            await().atMost(Duration.ofSeconds(30)).until(() -> view.viewers() == 1);
            assertThat(reader.isOpen()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.total() == 1);
        }
    }

    private double slowClosedCount() {
        return metric("presence_connections_slow_closed_total");
    }

    /** A counter's value on /q/metrics; 0 before it is registered. */
    private static double metric(String name) {
        return ScrapedMetrics.scrape().sum(name).orElse(0);
    }

    @Test
    void theConnectionOverTheInstanceLimitIsRefusedWithTheDocumentedCode() {
        for (int i = 0; i < 6; i++) {
            connect().snapshot();
        }
        PresenceClient refused = connect();
        assertThat(refused.awaitClosed()).isEqualTo(4001);
        assertThat(refused.closeReason()).isEqualTo("maximum users reached on this instance");

        clients.get(0).close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !connections.full());
        assertThat(connect().snapshot()).isNotNull();
    }

    @Test
    void oneAddressCannotTakeEveryConnection() {
        for (int i = 0; i < 4; i++) {
            connect("X-Forwarded-For", "198.51.100.99").snapshot();
        }
        PresenceClient fifth = connect("X-Forwarded-For", "198.51.100.99");
        assertThat(fifth.awaitClosed()).isEqualTo(4002);
        assertThat(connect().snapshot()).isNotNull(); // another address still gets in
    }

    @Test
    void aSilentClientIsRemovedAfterTheHeartbeatTimeoutWhileABeatingOneStays() {
        PresenceClient observer = connect();
        PresenceClient silent = connect();
        String silentId = silent.id();
        observer.awaitVisible(silentId);
        // the observer beats every second as the page does; the heartbeat timeout of the test profile is 3 s
        observer.beating(vertx, Duration.ofSeconds(1));
        observer.awaitGone(silentId, Duration.ofSeconds(8));
        assertThat(silent.awaitClosed()).isEqualTo(4008);
        assertThat(observer.isOpen()).isTrue();
        assertThat(observer.messages).anyMatch(m -> "heartbeat-ack".equals(m.getString("type")));
        assertThat(redis.sortedSet(String.class).zscore(PresenceStore.HEARTBEATS, silentId)).isEmpty();
    }

    @Test
    void aDroppedConnectionWithoutCloseFrameIsRemovedAtOnce() {
        PresenceClient observer = connect();
        try (TcpProxy path = new TcpProxy(base.getHost(), base.getPort())) {
            PresenceClient dropped = PresenceClient.connect(vertx, URI.create("http://localhost:" + path.port()),
                    "X-Forwarded-For", "198.51.100.77");
            clients.add(dropped);
            String droppedId = dropped.id();
            observer.awaitVisible(droppedId);
            path.cut(); // TCP reset, no WebSocket close frame
            observer.awaitGone(droppedId, Duration.ofSeconds(2));
        }
    }

    @Test
    void badInputClosesWithPolicyViolationAndUnknownTypesAreAnswered() {
        PresenceClient unknown = connect();
        unknown.snapshot();
        unknown.send("{\"type\":\"dance\"}");
        JsonObject error = unknown.awaitMessage(m -> "error".equals(m.getString("type")));
        assertThat(error.getString("code")).isEqualTo("unknown-type");
        assertThat(unknown.isOpen()).isTrue();

        PresenceClient malformed = connect();
        malformed.snapshot();
        malformed.send("{not json");
        assertThat(malformed.awaitClosed()).isEqualTo(1008);

        PresenceClient oversized = connect();
        oversized.snapshot();
        oversized.send("{\"type\":\"heartbeat\",\"pad\":\"" + "x".repeat(2_000) + "\"}");
        assertThat(oversized.awaitClosed()).isEqualTo(1008);

        PresenceClient binary = connect();
        binary.snapshot();
        binary.sendBinary(new byte[] { 1, 2, 3 });
        assertThat(binary.awaitClosed()).isEqualTo(1008);

        PresenceClient flooding = connect();
        flooding.snapshot();
        for (int i = 0; i < 25; i++) {
            if (flooding.isOpen()) {
                flooding.send("{\"type\":\"heartbeat\"}");
            }
        }
        assertThat(flooding.awaitClosed()).isEqualTo(1008);
        assertThat(flooding.closeReason()).isEqualTo("too many messages");
    }

    @Test
    void hostileUserAgentsAreStoredCutAndWithoutControlCharacters() {
        PresenceClient client = connect("User-Agent", "<script>alert(1)</script>\t" + "A".repeat(2_000));
        JsonObject you = client.snapshot().getJsonObject("you");
        assertThat(you.getString("userAgent")).startsWith("<script>alert(1)</script>A").hasSize(512)
                .doesNotContain("\t");
    }

    @Test
    void otherVisitorsIpsAreMaskedExceptForAdmins() {
        PresenceClient visitor = connect("X-Forwarded-For", "198.51.100.42");
        PresenceClient admin = connect("X-Forwarded-For", "2001:db8:1:2:3:4:5:6",
                "Authorization", "Bearer " + TestTokens.bearer("alice", "admin"));
        String adminId = admin.id();
        visitor.awaitVisible(adminId);
        admin.awaitVisible(visitor.id());

        assertThat(visitor.snapshot().getJsonObject("you").getString("ip")).isEqualTo("198.51.100.42");
        assertThat(visitor.visible().get(adminId).getString("ip")).isEqualTo("2001:db8:1::/48");
        assertThat(admin.visible().get(visitor.id()).getString("ip")).isEqualTo("198.51.100.42");
    }

    @Test
    void anInvalidTokenIsRefusedAtTheHandshake() {
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> connect("Authorization", "Bearer not-a-token")).getMessage()).contains("401");
    }

    @Test
    void withRedisDownLocalVisitorsStillSeeEachOtherAndRedisIsRefilledWhenItReturns() {
        PresenceClient first = connect();
        first.snapshot();
        redisProxy.cut();
        PresenceClient second = connect();
        String secondId = second.id();
        first.awaitVisible(secondId);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(503).body(containsString("serving local connections only")));

        redisProxy.restore();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(200));
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.hash(String.class).hkeys(PresenceStore.SESSIONS)
                .containsAll(Set.of(first.id(), secondId)));
        assertThat(first.isOpen()).isTrue();
    }

    @Test
    void aSessionThisInstanceNoLongerServesIsRemovedFromRedisByTheNextResyncWhileOthersStay() {
        PresenceClient visitor = connect();
        visitor.snapshot();
        // as a leave lost to an outage leaves it: stored as ours, served by no connection; and one of another
        // instance. Heartbeats in the future, so that the sweep cannot be what removes either of them.
        long fresh = System.currentTimeMillis() + 60_000;
        PresenceSession lost = storedSession(identity.replicaId());
        PresenceSession elsewhere = storedSession("another-replica");
        store.save(lost, fresh, identity.replicaId()).await().indefinitely();
        store.save(elsewhere, fresh, elsewhere.replica()).await().indefinitely();
        try {
            visitor.awaitVisible(elsewhere.id());

            sync.resync(connections::locals);

            assertThat(redis.hash(String.class).hkeys(PresenceStore.SESSIONS))
                    .contains(visitor.id(), elsewhere.id()).doesNotContain(lost.id());
            assertThat(redis.sortedSet(String.class).zrange(PresenceStore.HEARTBEATS, 0, -1))
                    .doesNotContain(lost.id());
            assertThat(visitor.visibleIds()).contains(elsewhere.id()).doesNotContain(lost.id());
            assertThat(view.total()).isEqualTo(2);
        } finally {
            store.remove(elsewhere.id(), elsewhere.replica()).await().indefinitely(); // its leave empties the view
        }
    }

    private static PresenceSession storedSession(String replica) {
        return new PresenceSession(UUID.randomUUID().toString(), "203.0.113.7", "curl/8.0", "curl", "8", "Other",
                "other", Instant.now(), "i-0123456789abcdef0", replica);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
