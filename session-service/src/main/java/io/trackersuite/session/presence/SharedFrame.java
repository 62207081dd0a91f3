package io.trackersuite.session.presence;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.trackersuite.session.api.Json;
import io.vertx.core.buffer.impl.VertxByteBufAllocator;

/**
 * A text message as a complete WebSocket frame (header and payload), encoded once into pooled direct memory, and
 * written to every client it goes to as a view of the same bytes: no copy, no frame object and no garbage per client.
 * <p>
 * Why: a delta goes to every connected client. Written through Vert.x ({@code writeFrame}), each client's copy cost a
 * frame object, a Netty frame, a heap buffer the encoder copied the text into, a second copy into direct memory for
 * the socket, and two promises with their listeners. JFR over the 1,000-observer benchmark: the service allocated
 * 401 MB that way, 226 MB with shared frames, and used 13% less CPU.
 * <p>
 * Reference-counted: it holds one reference when made; whoever takes one more with {@link #retain()} gives it back
 * with {@link #release()}, and the memory returns to the pool when the last one is released. Each write takes its own
 * view, which the socket releases once sent.
 */
final class SharedFrame {

    private static final int FIN_TEXT = 0x81;
    /** The pool Vert.x's own connections read into, so the service keeps one pool of direct memory. */
    private static final ByteBufAllocator POOL = VertxByteBufAllocator.POOLED_ALLOCATOR;

    private final Json.Encoded message;
    private final ByteBuf wire;

    private SharedFrame(Json.Encoded message, ByteBuf wire) {
        this.message = message;
        this.wire = wire;
    }

    /** A final, unmasked text frame (a server's frames are never masked, RFC 6455 section 5.1). */
    static SharedFrame text(Json.Encoded message) {
        byte[] payload = message.utf8();
        int length = payload.length;
        int lengthBytes = length < 126 ? 0 : length <= 0xFFFF ? 2 : 8;
        ByteBuf wire = POOL.directBuffer(2 + lengthBytes + length);
        wire.writeByte(FIN_TEXT);
        if (lengthBytes == 0) {
            wire.writeByte(length);
        } else if (lengthBytes == 2) {
            wire.writeByte(126).writeShort(length);
        } else {
            wire.writeByte(127).writeLong(length);
        }
        wire.writeBytes(payload);
        return new SharedFrame(message, wire);
    }

    /** The message's text as UTF-8. */
    Json.Encoded message() {
        return message;
    }

    /** What it costs in a client's send queue. */
    int bytes() {
        return wire.readableBytes();
    }

    /** A view of the frame for one write; the socket releases it once it is sent (or fails). */
    ByteBuf forOneWrite() {
        return wire.retainedDuplicate();
    }

    SharedFrame retain() {
        wire.retain();
        return this;
    }

    void release() {
        wire.release();
    }

    /** How many holders it has; at 0 its memory is back in the pool. */
    int references() {
        return wire.refCnt();
    }
}
