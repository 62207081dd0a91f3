package io.trackersuite.session.presence;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.github.bucket4j.Bucket;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.trackersuite.session.api.Json;
import io.vertx.core.http.WebSocketBase;

/**
 * A presence WebSocket this instance serves: the visitor's session, its message budget, its last heartbeat, and the
 * bytes queued to it that the socket has not taken yet. A client that stops reading is closed with
 * {@link PresenceCloseCodes#TOO_FAR_BEHIND} once {@code presence.max-queued-bytes} are waiting, so it can never make
 * the service hold an unbounded backlog; the tracker page reconnects and starts again from a fresh snapshot. The
 * session ends at once (the close frame itself waits behind what the client does not read; the socket goes when the
 * client reads it or at the HTTP idle timeout).
 */
final class ServedConnection implements PresenceView.Viewer {

    private static final Logger LOG = Logger.getLogger(ServedConnection.class);

    final WebSocketConnection connection;
    /** The connection's Vert.x socket: deltas are written to it directly (see {@link RawSocket}). */
    private final WebSocketBase socket;
    final PresenceSession session;
    final Bucket messages;
    volatile long lastHeartbeatMillis;
    /** Completes when the join is written to Redis: the leave is written after it, never overtaking it. */
    final CompletableFuture<Void> joinStored = new CompletableFuture<>();

    private final boolean admin;
    private final Executor eventLoop;
    private final long maxQueuedBytes;
    private final Runnable onTooFarBehind;
    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile boolean closing;

    ServedConnection(WebSocketConnection connection, WebSocketBase socket, PresenceSession session, boolean admin,
            Bucket messages, Executor eventLoop, long maxQueuedBytes, Runnable onTooFarBehind) {
        this.connection = connection;
        this.socket = socket;
        this.session = session;
        this.admin = admin;
        this.messages = messages;
        this.eventLoop = eventLoop;
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
    public Executor eventLoop() {
        return eventLoop;
    }

    @Override
    public void deliver(Json.Encoded message) {
        int bytes = message.bytes();
        if (closing || socket.isClosed()) {
            return;
        }
        if (queuedBytes.addAndGet(bytes) > maxQueuedBytes) {
            LOG.debugf("presence client %s: %d bytes waiting, closing", connection.id(), queuedBytes.get());
            close(PresenceCloseCodes.TOO_FAR_BEHIND);
            onTooFarBehind.run();
            return;
        }
        socket.writeFrame(RawSocket.textFrame(message.utf8()), written -> {
            queuedBytes.addAndGet(-bytes);
            if (written.failed()) {
                LOG.debugf("presence message to %s not sent: %s", connection.id(), written.cause().toString());
            }
        });
    }

    /** Closes with the given reason; nothing more is sent to this client. */
    void close(CloseReason reason) {
        closing = true;
        connection.close(reason).subscribe().with(ignored -> {
        }, failure -> LOG.debugf("closing %s: %s", connection.id(), failure.toString()));
    }

    boolean isOpen() {
        return !closing && !socket.isClosed();
    }
}
