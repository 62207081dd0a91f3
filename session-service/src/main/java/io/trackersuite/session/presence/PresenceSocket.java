package io.trackersuite.session.presence;

import org.eclipse.microprofile.health.Readiness;

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

    private final PresenceRehearsal rehearsal;
    private final SecurityIdentity identity;

    public PresenceSocket(@Readiness PresenceRehearsal rehearsal, // a health check, hence the qualifier
            SecurityIdentity identity) {
        this.rehearsal = rehearsal;
        this.identity = identity;
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        connections(connection).open(connection, !identity.isAnonymous() && identity.hasRole(Roles.ADMIN));
    }

    @OnTextMessage
    @NonBlocking
    void message(WebSocketConnection connection, String message) {
        connections(connection).message(connection, message);
    }

    @OnBinaryMessage
    @NonBlocking
    void binary(WebSocketConnection connection, Buffer message) {
        connections(connection).binaryMessage(connection);
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        connections(connection).closed(connection);
    }

    /** A visitor's connection, or one of the start-up rehearsal's (served apart, see {@link PresenceRehearsal}). */
    private PresenceConnections connections(WebSocketConnection connection) {
        return rehearsal.servedBy(connection);
    }
}
