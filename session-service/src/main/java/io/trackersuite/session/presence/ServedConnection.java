package io.trackersuite.session.presence;

import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import io.github.bucket4j.Bucket;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.trackersuite.session.api.Json;
import io.vertx.core.Context;

/**
 * A presence WebSocket this instance serves: the visitor's session, its message budget, its last heartbeat, and what
 * is still on its way to the client. A client that stops reading is closed with
 * {@link PresenceCloseCodes#TOO_FAR_BEHIND} once more than {@code presence.max-queued-bytes} of messages are written
 * but not yet sent, so it can never make the service hold an unbounded backlog; the tracker page reconnects and starts
 * again from a fresh snapshot. The session ends at once (the close frame itself waits behind what the client does not
 * read; the socket goes when the client reads it or at the HTTP idle timeout).
 */
final class ServedConnection implements PresenceView.Viewer {

    private static final Logger LOG = Logger.getLogger(ServedConnection.class);

    final WebSocketConnection connection;
    final PresenceSession session;
    final Bucket messages;
    volatile long lastHeartbeatMillis;
    /** Completes when the join is written to Redis: the leave is written after it, never overtaking it. */
    final CompletableFuture<Void> joinStored = new CompletableFuture<>();

    private final boolean admin;
    private final Context context;
    private final long maxQueuedBytes;
    private final Runnable onTooFarBehind;
    /** Bytes sent to the socket and not written out yet; only touched on {@link #context}'s event loop. */
    private long queuedBytes;
    private volatile boolean closing;

    ServedConnection(WebSocketConnection connection, PresenceSession session, boolean admin, Bucket messages,
            Context context, long maxQueuedBytes, Runnable onTooFarBehind) {
        this.connection = connection;
        this.session = session;
        this.admin = admin;
        this.messages = messages;
        this.context = context;
        this.maxQueuedBytes = maxQueuedBytes;
        this.onTooFarBehind = onTooFarBehind;
        this.lastHeartbeatMillis = System.currentTimeMillis();
    }

    @Override
    public String id() {
        return connection.id();
    }

    @Override
    public boolean admin() {
        return admin;
    }

    @Override
    public Context context() {
        return context;
    }

    /**
     * Sends one message unless the client is already too far behind; a failed send only means the connection is
     * going, and its close is handled where the socket reports it.
     */
    @Override
    public void deliver(Json.Encoded message) {
        if (!isOpen()) {
            return;
        }
        if (queuedBytes + message.bytes() > maxQueuedBytes) {
            LOG.debugf("presence client %s: %d bytes waiting, closing", connection.id(), queuedBytes);
            close(PresenceCloseCodes.TOO_FAR_BEHIND);
            onTooFarBehind.run();
            return;
        }
        queuedBytes += message.bytes();
        connection.sendText(message.text()).subscribe().with(
                sent -> queuedBytes -= message.bytes(),
                failure -> queuedBytes -= message.bytes());
    }

    /** Closes with the given reason; nothing more is sent to this client. */
    void close(CloseReason reason) {
        closing = true;
        connection.close(reason).subscribe().with(ignored -> {
        }, failure -> LOG.debugf("closing %s: %s", connection.id(), failure.toString()));
    }

    boolean isOpen() {
        return !closing && connection.isOpen();
    }
}
