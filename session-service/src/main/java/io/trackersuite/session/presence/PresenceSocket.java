package io.trackersuite.session.presence;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.trackersuite.security.Roles;
import io.vertx.core.buffer.Buffer;

/**
 * The presence WebSocket of the tracker page. Anonymous visitors are welcome; a bearer token with role
 * {@code admin} (forwarded by the gateway) lifts IP masking. Message format: {@link PresenceMessages}. Every callback
 * runs on the connection's event loop and never blocks: a connect storm is not queued behind a worker pool.
 */
@WebSocket(path = "/api/presence/ws")
public class PresenceSocket {

    private final PresenceConnections connections;
    private final SecurityIdentity identity;

    public PresenceSocket(PresenceConnections connections, SecurityIdentity identity) {
        this.connections = connections;
        this.identity = identity;
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        connections.open(connection, !identity.isAnonymous() && identity.hasRole(Roles.ADMIN));
    }

    @OnTextMessage
    @NonBlocking
    void message(WebSocketConnection connection, String message) {
        connections.message(connection, message);
    }

    @OnBinaryMessage
    @NonBlocking
    void binary(WebSocketConnection connection, Buffer message) {
        connections.binaryMessage(connection);
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        connections.closed(connection);
    }
}
