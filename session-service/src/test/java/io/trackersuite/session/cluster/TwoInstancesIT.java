package io.trackersuite.session.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.trackersuite.session.presence.PresenceClient;
import io.trackersuite.testing.ServiceProcess;
import io.vertx.core.Vertx;

/** Two session-service processes on one Redis, as two pods behind the gateway. */
class TwoInstancesIT {

    static final Map<String, String> SETTINGS = Map.of(
            "PRESENCE_MAX_CONNECTIONS", "50",
            "PRESENCE_MAX_CONNECTIONS_PER_IP", "50", // every client connects from loopback
            "PRESENCE_HEARTBEAT_TIMEOUT", "3s",
            "PRESENCE_SWEEP_INTERVAL", "1s");

    static final Duration BEAT = Duration.ofMillis(500);

    static Vertx vertx;
    static ServiceProcess a;

    @BeforeAll
    static void startA() throws Exception {
        ServiceInstance.clearPresence(); // leftovers of killed instances (earlier runs, benchmarks) would count
        vertx = Vertx.vertx();
        a = ServiceInstance.start("a", SETTINGS);
    }

    @AfterAll
    static void stop() throws Exception {
        a.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aVisitorOnOneInstanceSeesJoinsAndLeavesOnTheOther() throws Exception {
        try (ServiceProcess b = ServiceInstance.start("b", SETTINGS);
                PresenceClient onA = PresenceClient.connect(vertx, a.base()).beating(vertx, BEAT);
                PresenceClient onB = PresenceClient.connect(vertx, b.base()).beating(vertx, BEAT)) {
            String idOnB = onB.id();
            onA.awaitVisible(idOnB);
            assertThat(onA.visible().get(idOnB).getString("instance")).isEqualTo("b");
            onB.awaitVisible(onA.id());

            onB.close();
            onA.awaitGone(idOnB, Duration.ofSeconds(5));
        }
    }

    @Test
    void theSessionsOfAnInstanceThatDiesDisappearWithinTheHeartbeatTimeout() throws Exception {
        ServiceProcess b = ServiceInstance.start("b-dies", SETTINGS);
        try (PresenceClient onA = PresenceClient.connect(vertx, a.base()).beating(vertx, BEAT);
                PresenceClient onB = PresenceClient.connect(vertx, b.base()).beating(vertx, BEAT)) {
            String idOnB = onB.id();
            onA.awaitVisible(idOnB);
            assertThat(onA.total()).isEqualTo(2);

            b.kill(); // no close, no cleanup: only the heartbeat sweeper of A can remove the session
            // heartbeat timeout 3 s + sweep interval 1 s, with room for a loaded machine
            onA.awaitGone(idOnB, Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(2)).until(() -> onA.total() == 1);
        }
    }
}
