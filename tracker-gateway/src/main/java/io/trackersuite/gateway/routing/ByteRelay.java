package io.trackersuite.gateway.routing;

import java.util.ArrayDeque;

import org.jboss.logging.Logger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * One direction of a {@link WebSocketTunnel}, in the pipeline of the channel it reads from. Each buffer Netty reads
 * is handed to the peer channel as it is (no copy, no promise per write) and flushed once per read batch: relaying
 * a presence delta to hundreds of observers then allocates next to nothing on the heap, where Vert.x's sockets copied
 * every read into a new heap buffer. While the peer's write queue is full this channel stops reading, and it reads
 * again once the peer has drained. Until the peer is attached, buffers wait in order. Either side closing or failing
 * closes both, without an error log: clients going away is normal.
 */
final class ByteRelay extends ChannelInboundHandlerAdapter {

    private static final String NAME = "tunnel-relay";
    private static final Logger LOG = Logger.getLogger(ByteRelay.class);

    private final Channel channel;
    /** Read before the peer was attached; only touched on {@link #channel}'s event loop. */
    private final ArrayDeque<ByteBuf> waiting = new ArrayDeque<>();
    private Channel peer;
    /** Told of every read once the peer is attached; {@code null} where Vert.x's idle handler stayed. */
    private TunnelIdleTimeout idleTimeout;

    private ByteRelay(Channel channel) {
        this.channel = channel;
    }

    /** Relays what {@code from} reads, from now on; the peer follows with {@link #attach}. */
    static ByteRelay readingFrom(Channel from) {
        ByteRelay relay = new ByteRelay(from);
        // ahead of Vert.x's own handler, which would otherwise copy every read into a heap buffer
        from.pipeline().addBefore("handler", NAME, relay);
        return relay;
    }

    /**
     * Sends what waited, then relays straight through, telling {@code idleTimeout} (if any) of each read; closes
     * {@code to} if this side is already gone.
     */
    void attach(Channel to, TunnelIdleTimeout idleTimeout) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> attach(to, idleTimeout));
            return;
        }
        peer = to;
        this.idleTimeout = idleTimeout;
        while (!waiting.isEmpty()) {
            peer.write(waiting.poll(), peer.voidPromise());
        }
        peer.flush();
        if (!channel.isActive()) {
            closeOnceFlushed(peer);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof ByteBuf bytes)) {
            // what the HTTP codec still emits for the upgrade's own response; Vert.x handles it
            ctx.fireChannelRead(message);
        } else if (peer == null) {
            waiting.add(bytes);
        } else {
            if (idleTimeout != null) {
                idleTimeout.used();
            }
            peer.write(bytes, peer.voidPromise());
            if (!peer.isWritable()) {
                channel.config().setAutoRead(false);
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (peer != null) {
            peer.flush();
        }
        ctx.fireChannelReadComplete();
    }

    /** This channel drained: the peer, held back while it was full, may read again. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (peer != null && channel.isWritable()) {
            peer.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        waiting.forEach(ByteBuf::release);
        waiting.clear();
        if (peer != null) {
            closeOnceFlushed(peer);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable failure) {
        LOG.debugf("WebSocket tunnel side failed: %s", failure.getMessage());
        ctx.close();
    }

    private static void closeOnceFlushed(Channel channel) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
