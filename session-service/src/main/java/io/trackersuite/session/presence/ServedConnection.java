package io.trackersuite.session.presence;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.jboss.logging.Logger;

import io.github.bucket4j.Bucket;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * A presence WebSocket this instance serves: the visitor's session, its message budget, its last heartbeat, and the
 * channel its messages are written to. A client that stops reading is closed with
 * {@link PresenceCloseCodes#TOO_FAR_BEHIND} once {@code presence.max-queued-bytes} are waiting in its channel (what
 * the socket has not taken yet), so it can never make the service hold an unbounded backlog; the tracker page
 * reconnects and starts again from a fresh snapshot. The session ends at once (the close frame itself waits behind
 * what the client does not read; the socket goes when the client reads it or at the HTTP idle timeout).
 */
final class ServedConnection implements PresenceView.Viewer {

    private static final Logger LOG = Logger.getLogger(ServedConnection.class);

    final WebSocketConnection connection;
    /** The connection's network channel: messages are written to it directly (see {@link SharedFrame}). */
    private final Channel channel;
    /**
     * Every write's promise: a failed write is not reported, as it only means the connection is going, and its close
     * is handled where the socket reports it.
     */
    private final ChannelPromise unobserved;
    final PresenceSession session;
    final Bucket messages;
    volatile long lastHeartbeatMillis;
    /** Completes when the join is written to Redis: the leave is written after it, never overtaking it. */
    final CompletableFuture<Void> joinStored = new CompletableFuture<>();

    private final boolean admin;
    private final Executor eventLoop;
    private final long maxQueuedBytes;
    private final Runnable onTooFarBehind;
    private volatile boolean closing;

    ServedConnection(WebSocketConnection connection, Channel channel, PresenceSession session, boolean admin,
            Bucket messages, Executor eventLoop, long maxQueuedBytes, Runnable onTooFarBehind) {
        this.connection = connection;
        this.channel = channel;
        this.unobserved = new VoidChannelPromise(channel, false);
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
    public void deliver(SharedFrame frame) {
        if (!isOpen()) {
            return;
        }
        long waiting = waitingBytes();
        if (waiting + frame.bytes() > maxQueuedBytes) {
            LOG.debugf("presence client %s: %d bytes waiting, closing", connection.id(), waiting);
            close(PresenceCloseCodes.TOO_FAR_BEHIND);
            onTooFarBehind.run();
            return;
        }
        channel.writeAndFlush(frame.forOneWrite(), unobserved);
    }

    /** What was written to the channel and the socket has not taken yet (Netty counts it as it is written). */
    private long waitingBytes() {
        ChannelOutboundBuffer queue = channel.unsafe().outboundBuffer();
        return queue == null ? 0 : queue.totalPendingWriteBytes();
    }

    /** Closes with the given reason; nothing more is sent to this client. */
    void close(CloseReason reason) {
        closing = true;
        connection.close(reason).subscribe().with(ignored -> {
        }, failure -> LOG.debugf("closing %s: %s", connection.id(), failure.toString()));
    }

    boolean isOpen() {
        return !closing && channel.isActive();
    }
}
