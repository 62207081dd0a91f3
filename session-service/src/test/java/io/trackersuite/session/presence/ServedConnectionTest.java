package io.trackersuite.session.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.bucket4j.Bucket;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.trackersuite.session.api.Json;

/** The slow-client rule: what a client has not taken yet is bounded in bytes, then the client is closed with 1013. */
@Tag("unit")
class ServedConnectionTest {

    private static final PresenceSession SESSION = new PresenceSession("s", "203.0.113.1", "UA", "Firefox", "120",
            "Linux", "desktop", Instant.now(), "instance-a", "replica-a");

    /**
     * A real Netty channel whose socket takes nothing while {@code stalled}, like one whose peer stopped reading:
     * what is written stays in the channel's outbound buffer until {@link #drain()}.
     */
    private static final class StallingChannel extends EmbeddedChannel {
        boolean stalled = true;
        final List<String> sent = new ArrayList<>();

        @Override
        protected void doWrite(ChannelOutboundBuffer queue) {
            while (!stalled && queue.current() != null) {
                sent.add(payload((ByteBuf) queue.current()));
                queue.remove();
            }
        }

        void drain() {
            stalled = false;
            flush();
            stalled = true;
        }

        /** The text of a frame of under 126 bytes: after the two header bytes. */
        private static String payload(ByteBuf frame) {
            return frame.toString(frame.readerIndex() + 2, frame.readableBytes() - 2, StandardCharsets.UTF_8);
        }
    }

    /** The websockets-next side: its id, and the close the rule asks for. */
    private static final class Connection {
        CloseReason closedWith;

        WebSocketConnection proxy() {
            return (WebSocketConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] { WebSocketConnection.class }, (proxy, method, args) -> switch (method.getName()) {
                        case "id" -> "connection-1";
                        case "close" -> {
                            closedWith = (CloseReason) args[0];
                            yield Uni.createFrom().voidItem();
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedWithTryAgainLaterOnceTheQueueIsFull() {
        StallingChannel channel = new StallingChannel();
        Connection connection = new Connection();
        AtomicInteger tooFarBehind = new AtomicInteger();
        SharedFrame frame = text("x".repeat(98)); // 100 bytes with its header
        ServedConnection served = served(connection, channel, waitingFor(4, frame), tooFarBehind);

        for (int i = 0; i < 4; i++) {
            served.deliver(frame); // exactly the budget
        }
        assertThat(connection.closedWith).isNull();
        served.deliver(frame);

        assertThat(connection.closedWith.getCode()).isEqualTo(1013);
        assertThat(tooFarBehind.get()).isEqualTo(1);
        served.deliver(text("after the close"));
        channel.drain();
        assertThat(channel.sent).hasSize(4).allMatch(sent -> sent.equals("x".repeat(98))); // never queued after
    }

    @Test
    void aClientThatKeepsReadingNeverHitsTheBound() {
        StallingChannel channel = new StallingChannel();
        Connection connection = new Connection();
        AtomicInteger tooFarBehind = new AtomicInteger();
        SharedFrame frame = text("y".repeat(120));
        ServedConnection served = served(connection, channel, waitingFor(2, frame), tooFarBehind);

        for (int i = 0; i < 100; i++) {
            served.deliver(frame);
            channel.drain();
        }
        assertThat(connection.closedWith).isNull();
        assertThat(channel.sent).hasSize(100);
        assertThat(tooFarBehind.get()).isZero();
    }

    @Test
    void everyWriteIsAViewOfOneFrameThatGoesBackToItsPoolWhenTheLastIsSent() {
        StallingChannel channel = new StallingChannel();
        SharedFrame frame = text("z");
        ServedConnection served = served(new Connection(), channel, 10_000, new AtomicInteger());

        served.deliver(frame);
        served.deliver(frame);
        frame.release(); // the caller is done with it; the two writes still hold it
        channel.drain();

        assertThat(channel.sent).containsExactly("z", "z");
        assertThat(frame.references()).isZero();
    }

    /** The budget that holds exactly {@code frames} of these waiting in a channel, Netty's bookkeeping included. */
    private static long waitingFor(int frames, SharedFrame frame) {
        StallingChannel probe = new StallingChannel();
        for (int i = 0; i < frames; i++) {
            probe.writeAndFlush(frame.forOneWrite());
        }
        long waiting = probe.unsafe().outboundBuffer().totalPendingWriteBytes();
        probe.close(); // gives the writes' references back
        return waiting + frame.bytes() - 1;
    }

    private static SharedFrame text(String ascii) {
        return SharedFrame.text(new Json.Encoded(ascii.getBytes(StandardCharsets.UTF_8)));
    }

    private static ServedConnection served(Connection connection, StallingChannel channel, long maxQueuedBytes,
            AtomicInteger tooFarBehind) {
        return new ServedConnection(connection.proxy(), channel, SESSION, false, Bucket.builder()
                .addLimit(limit -> limit.capacity(20).refillGreedy(20, java.time.Duration.ofMinutes(1))).build(),
                Runnable::run, maxQueuedBytes, tooFarBehind::incrementAndGet);
    }
}
