package io.trackersuite.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;

/** The two relays of a tunnel on in-memory channels, each with a stand-in for Vert.x's handler behind it. */
@Tag("unit")
class ByteRelayTest {

    /** In-memory channels each have an event loop of their own: the idle timeout stays Vert.x's (see the tunnel test). */
    private static final TunnelIdleTimeout NO_IDLE_TIMEOUT = null;

    private final EmbeddedChannel service = channel();
    private final EmbeddedChannel client = channel();

    @Test
    void whatTheServiceSentBeforeTheClientWasReadyComesFirstAndInOrder() {
        ByteRelay fromService = ByteRelay.readingFrom(service);
        service.writeInbound(bytes("snapshot;"), bytes("delta-1;"));
        assertThat(client.outboundMessages()).isEmpty();

        ByteRelay.readingFrom(client).attach(service, NO_IDLE_TIMEOUT);
        fromService.attach(client, NO_IDLE_TIMEOUT);
        service.writeInbound(bytes("delta-2;"));
        client.writeInbound(bytes("heartbeat;"));

        assertThat(drain(client)).isEqualTo("snapshot;delta-1;delta-2;");
        assertThat(drain(service)).isEqualTo("heartbeat;");
    }

    @Test
    void aClientThatCannotTakeMoreStopsReadsFromTheServiceUntilItDrains() {
        client.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        relay();
        // without a flush the bytes stay queued on the client's channel, as when its socket buffer is full
        service.pipeline().fireChannelRead(bytes("more than sixteen bytes"));
        assertThat(client.isWritable()).isFalse();
        assertThat(service.config().isAutoRead()).as("the service is read").isFalse();

        client.flush();
        assertThat(client.isWritable()).isTrue();
        assertThat(service.config().isAutoRead()).as("the service is read").isTrue();
    }

    @Test
    void eitherSideClosingClosesTheOther() {
        relay();
        client.close();
        assertThat(service.isActive()).isFalse();

        EmbeddedChannel otherService = channel();
        EmbeddedChannel otherClient = channel();
        ByteRelay.readingFrom(otherClient).attach(otherService, NO_IDLE_TIMEOUT);
        ByteRelay.readingFrom(otherService).attach(otherClient, NO_IDLE_TIMEOUT);
        otherService.writeInbound(bytes("bye;"));
        otherService.close();
        assertThat(otherClient.isActive()).isFalse();
        assertThat(drain(otherClient)).as("what was sent before the close").isEqualTo("bye;");
    }

    @Test
    void aSideThatClosesBeforeThePeerIsAttachedClosesItOnAttachment() {
        ByteRelay fromService = ByteRelay.readingFrom(service);
        service.writeInbound(bytes("snapshot;"));
        service.close();
        fromService.attach(client, NO_IDLE_TIMEOUT);
        assertThat(client.isActive()).isFalse();
    }

    private void relay() {
        ByteRelay.readingFrom(client).attach(service, NO_IDLE_TIMEOUT);
        ByteRelay.readingFrom(service).attach(client, NO_IDLE_TIMEOUT);
    }

    /** An active channel whose pipeline ends in a handler named as Vert.x names its own. */
    private static EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast("handler", new ChannelInboundHandlerAdapter());
        return channel;
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private static String drain(EmbeddedChannel channel) {
        StringBuilder written = new StringBuilder();
        for (ByteBuf buf; (buf = channel.readOutbound()) != null; buf.release()) {
            written.append(buf.toString(StandardCharsets.US_ASCII));
        }
        return written.toString();
    }
}
