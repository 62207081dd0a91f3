package io.trackersuite.session.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.trackersuite.session.api.Json;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** The view's coalescing (leading edge, then one message per window) and its snapshot + delta arithmetic, in memory. */
@Tag("unit")
class PresenceViewTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void aChangeAfterAQuietWindowIsSentAtOnceAndTheFollowingBurstAsOneMessage() {
        // a window the burst surely falls in, even when the first message's encoding (Jackson warming up) is slow
        PresenceView view = view(Map.of("presence.coalesce-window", "1s"));
        RecordingViewer viewer = subscribe(view, "watcher", false);

        view.joined(session("a", 1));
        // well within the window: a lone join is not held back
        await().atMost(Duration.ofMillis(500)).until(() -> viewer.deltas().size() == 1);
        assertThat(ids(viewer.deltas().get(0), "joined")).containsExactly("a");

        for (int i = 2; i <= 5; i++) {
            view.joined(session("burst-" + i, i));
        }
        assertThat(viewer.deltas()).hasSize(1); // the burst waits for the window
        await().atMost(Duration.ofSeconds(5)).until(() -> viewer.deltas().size() == 2);
        JsonNode burst = viewer.deltas().get(1);
        assertThat(ids(burst, "joined")).containsExactly("burst-5", "burst-4", "burst-3", "burst-2");
        assertThat(burst.get("total").asLong()).isEqualTo(5);
    }

    @Test
    void theSnapshotPlusTheDeltasAlwaysAddUpToTheNewestVisibleSessions() {
        PresenceView view = view(Map.of("presence.visible-sessions", "3", "presence.coalesce-window", "1ms"));
        view.joined(session("early", 0));
        view.flush();
        RecordingViewer viewer = subscribe(view, "watcher", false);
        for (int i = 1; i <= 6; i++) {
            view.joined(session("s" + i, i));
            if (i % 2 == 0) {
                view.left("s" + (i - 1));
            }
            view.flush();
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Map<String, JsonNode> list = new LinkedHashMap<>();
            viewer.snapshot().get("sessions").forEach(visitor -> list.put(visitor.get("id").asText(), visitor));
            long total = viewer.snapshot().get("total").asLong();
            for (JsonNode delta : viewer.deltas()) {
                delta.get("left").forEach(id -> list.remove(id.asText()));
                delta.get("joined").forEach(visitor -> list.put(visitor.get("id").asText(), visitor));
                delta.get("updated").forEach(visitor -> list.put(visitor.get("id").asText(), visitor));
                total = delta.get("total").asLong();
            }
            assertThat(list.keySet()).containsExactlyInAnyOrder("s6", "s4", "s2");
            assertThat(total).isEqualTo(view.total()).isEqualTo(4); // early, s2, s4, s6
        });
    }

    @Test
    void otherVisitorsAddressesAreMaskedForVisitorsAndPlainForAdmins() {
        PresenceView view = view(Map.of());
        RecordingViewer visitor = subscribe(view, "visitor", false);
        RecordingViewer admin = subscribe(view, "admin", true);
        view.joined(session("a", 1));

        await().atMost(Duration.ofSeconds(5)).until(() -> !visitor.deltas().isEmpty() && !admin.deltas().isEmpty());
        assertThat(visitor.deltas().get(0).get("joined").get(0).get("ip").asText()).isEqualTo("203.0.113.0/24");
        assertThat(admin.deltas().get(0).get("joined").get(0).get("ip").asText()).isEqualTo("203.0.113.1");
    }

    @Test
    void theWindowWidensWithTheAudienceToStayWithinTheFanOutBudget() {
        PresenceView view = view(Map.of("presence.coalesce-window", "10ms", "presence.fan-out-budget", "1000"));
        assertThat(view.windowMillis()).isEqualTo(10);
        for (int i = 0; i < 50; i++) {
            subscribe(view, "viewer-" + i, false);
        }
        // 50 clients x 1,000 ms / 1,000 messages per second
        assertThat(view.windowMillis()).isEqualTo(50);
    }

    @Test
    void aVisitorWhoLeftIsNotBroughtBackByARedisReadThatStillHoldsThem() {
        PresenceView view = view(Map.of());
        PresenceSession brief = session("brief", 1);
        PresenceSession other = session("other", 2);
        view.joined(brief);
        view.left("brief");
        // Redis read after the leave, before this replica's removal reached it (a connect and a close in the same
        // millisecond): the session is still stored, and the leave this replica publishes it ignores as its own
        view.reconcile(Map.of("brief", brief, "other", other), System.currentTimeMillis() + 1, Set.of());

        assertThat(view.total()).isEqualTo(1);
        view.flush();
        // what the next client is told: the other visitor only
        RecordingViewer viewer = subscribe(view, "watcher", false);
        await().atMost(Duration.ofSeconds(5)).until(() -> !viewer.messages().isEmpty());
        JsonNode snapshot = viewer.messages().get(0);
        assertThat(snapshot.get("total").asLong()).isEqualTo(1);
        assertThat(snapshot.get("sessions").findValuesAsText("id")).containsExactly("other");
    }

    private PresenceView view(Map<String, String> overrides) {
        Map<String, String> properties = new LinkedHashMap<>(Map.of(
                "presence.max-connections", "100", "presence.max-connections-per-ip", "10",
                "presence.heartbeat-interval", "30s", "presence.heartbeat-timeout", "300s",
                "presence.sweep-interval", "10s", "presence.coalesce-window", "10ms",
                "presence.visible-sessions", "50", "presence.resync-interval", "30s",
                "presence.max-message-chars", "1024", "presence.max-messages-per-minute", "20"));
        properties.put("presence.privacy.mask-ips", "true");
        properties.putAll(overrides);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(PresenceConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // "10ms", as Quarkus reads it
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return new PresenceView(config.getConfigMapping(PresenceConfig.class), new Json(MAPPER), vertx,
                new SimpleMeterRegistry());
    }

    private RecordingViewer subscribe(PresenceView view, String id, boolean admin) {
        RecordingViewer viewer = new RecordingViewer(id, admin, vertx.getOrCreateContext());
        view.subscribe(viewer, session("own-" + id, -1));
        return viewer;
    }

    private static PresenceSession session(String id, int secondsAfterStart) {
        return new PresenceSession(id, "203.0.113." + Math.max(1, secondsAfterStart), "UA", "Firefox", "120",
                "Linux", "desktop", START.plusSeconds(secondsAfterStart), "instance-a", "replica-a");
    }

    private static List<String> ids(JsonNode delta, String field) {
        List<String> ids = new ArrayList<>();
        delta.get(field).forEach(visitor -> ids.add(visitor.get("id").asText()));
        return ids;
    }

    /** A client on an event loop of its own, whose messages are parsed as they are delivered. */
    private record RecordingViewer(String id, boolean admin, Context context, List<JsonNode> messages)
            implements PresenceView.Viewer {

        RecordingViewer(String id, boolean admin, Context context) {
            this(id, admin, context, new CopyOnWriteArrayList<>());
        }

        @Override
        public void deliver(Json.Encoded message) {
            try {
                messages.add(MAPPER.readTree(message.text()));
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + message.text(), e);
            }
        }

        JsonNode snapshot() {
            assertThat(messages.get(0).get("type").asText()).isEqualTo("snapshot");
            return messages.get(0);
        }

        List<JsonNode> deltas() {
            return messages.stream().filter(message -> "delta".equals(message.get("type").asText())).toList();
        }
    }
}
