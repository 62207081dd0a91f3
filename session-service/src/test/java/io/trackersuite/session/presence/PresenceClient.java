package io.trackersuite.session.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * A real WebSocket client of the presence protocol, as the tracker page behaves: it keeps the visible list and the
 * total by applying the snapshot and the deltas, and records every message and the close code.
 */
public final class PresenceClient implements AutoCloseable {

    public final List<JsonObject> messages = new CopyOnWriteArrayList<>();
    private final Map<String, JsonObject> visible = new LinkedHashMap<>();
    private final WebSocketClient client;
    private volatile WebSocket socket;
    private volatile long total = -1;
    private volatile Integer closeCode;
    private volatile String closeReason;

    private PresenceClient(WebSocketClient client) {
        this.client = client;
    }

    /** Connects and waits for the handshake; headers e.g. X-Forwarded-For, User-Agent, Authorization. */
    public static PresenceClient connect(Vertx vertx, URI base, String... headers) {
        PresenceClient presence = new PresenceClient(vertx.createWebSocketClient());
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort())
                .setURI("/api/presence/ws");
        for (int i = 0; i < headers.length; i += 2) {
            options.addHeader(headers[i], headers[i + 1]);
        }
        // handlers are attached on the event loop as the handshake completes, before any frame can arrive
        presence.socket = presence.client.connect(options).map(socket -> {
            socket.textMessageHandler(presence::onMessage);
            socket.closeHandler(ignored -> {
                presence.closeCode = socket.closeStatusCode() == null ? null : socket.closeStatusCode().intValue();
                presence.closeReason = socket.closeReason();
            });
            return socket;
        }).toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        return presence;
    }

    private synchronized void onMessage(String text) {
        JsonObject message = new JsonObject(text);
        messages.add(message);
        switch (message.getString("type")) {
            case "snapshot" -> {
                visible.clear();
                message.getJsonArray("sessions").forEach(s -> put((JsonObject) s));
                total = message.getLong("total");
            }
            case "delta" -> {
                message.getJsonArray("left").forEach(visible::remove);
                message.getJsonArray("joined").forEach(s -> put((JsonObject) s));
                message.getJsonArray("updated").forEach(s -> put((JsonObject) s));
                total = message.getLong("total");
            }
            default -> {
            }
        }
    }

    private void put(JsonObject session) {
        visible.put(session.getString("id"), session);
    }

    public void send(String text) {
        socket.writeTextMessage(text).toCompletionStage().toCompletableFuture().join();
    }

    /** Heartbeats as the page sends them, until the connection closes. */
    public PresenceClient beating(Vertx vertx, Duration every) {
        vertx.setPeriodic(every.toMillis(), timer -> {
            if (socket.isClosed()) {
                vertx.cancelTimer(timer);
            } else {
                socket.writeTextMessage("{\"type\":\"heartbeat\"}");
            }
        });
        return this;
    }

    public void sendBinary(byte[] bytes) {
        socket.writeBinaryMessage(Buffer.buffer(bytes)).toCompletionStage().toCompletableFuture().join();
    }

    public JsonObject snapshot() {
        return awaitMessage(m -> "snapshot".equals(m.getString("type")));
    }

    /** This client's own session id, from its snapshot. */
    public String id() {
        return snapshot().getJsonObject("you").getString("id");
    }

    public JsonObject awaitMessage(Predicate<JsonObject> matching) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> messages.stream().filter(matching).findFirst().orElse(null), m -> m != null);
    }

    public synchronized Map<String, JsonObject> visible() {
        return new LinkedHashMap<>(visible);
    }

    public List<String> visibleIds() {
        return new ArrayList<>(visible().keySet());
    }

    public long total() {
        return total;
    }

    public void awaitVisible(String sessionId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> visible().containsKey(sessionId));
    }

    public void awaitGone(String sessionId, Duration within) {
        await().atMost(within).until(() -> !visible().containsKey(sessionId));
    }

    /** Waits for the server to close the connection and returns the close code. */
    public int awaitClosed() {
        await().atMost(Duration.ofSeconds(10)).until(() -> closeCode != null);
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    public boolean isOpen() {
        return closeCode == null && !socket.isClosed();
    }

    @Override
    public void close() {
        if (socket != null && !socket.isClosed()) {
            socket.close();
        }
        client.close();
    }

    static void assertDeltaShape(JsonObject delta) {
        assertThat(delta.getInteger("v")).isEqualTo(1);
        assertThat(delta.fieldNames()).contains("joined", "left", "updated", "total", "serverTime");
    }
}
