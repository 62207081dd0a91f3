package io.trackersuite.session.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.bucket4j.Bucket;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.trackersuite.session.api.Json;

/** The slow-client rule: what a client has not taken yet is bounded in bytes, then the client is closed with 1013. */
@Tag("unit")
class ServedConnectionTest {

    private static final PresenceSession SESSION = new PresenceSession("s", "203.0.113.1", "UA", "Firefox", "120",
            "Linux", "desktop", Instant.now(), "instance-a", "replica-a");

    /** A connection whose writes complete only when the test says so, like a socket whose peer stopped reading. */
    private static final class Socket {
        final List<UniEmitter<? super Void>> pendingWrites = new ArrayList<>();
        final List<String> written = new ArrayList<>();
        CloseReason closedWith;

        WebSocketConnection connection() {
            return (WebSocketConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] { WebSocketConnection.class }, (proxy, method, args) -> switch (method.getName()) {
                        case "id" -> "connection-1";
                        case "isOpen" -> closedWith == null;
                        case "sendText" -> {
                            written.add((String) args[0]);
                            yield Uni.createFrom().<Void> emitter(pendingWrites::add);
                        }
                        case "close" -> {
                            closedWith = (CloseReason) args[0];
                            yield Uni.createFrom().voidItem();
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        void drain() {
            pendingWrites.forEach(write -> write.complete(null));
            pendingWrites.clear();
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedWithTryAgainLaterOnceTheQueueIsFull() {
        Socket socket = new Socket();
        AtomicInteger tooFarBehind = new AtomicInteger();
        ServedConnection served = served(socket, 1_000, tooFarBehind);

        for (int i = 0; i < 4; i++) {
            served.deliver(new Json.Encoded("x".repeat(250), 250)); // exactly the budget
        }
        assertThat(socket.closedWith).isNull();
        served.deliver(new Json.Encoded("one more", 8));

        assertThat(socket.closedWith.getCode()).isEqualTo(1013);
        assertThat(tooFarBehind.get()).isEqualTo(1);
        assertThat(socket.written).hasSize(4); // the message over the budget was never queued
        served.deliver(new Json.Encoded("after the close", 15));
        assertThat(socket.written).hasSize(4);
    }

    @Test
    void aClientThatKeepsReadingNeverHitsTheBound() {
        Socket socket = new Socket();
        AtomicInteger tooFarBehind = new AtomicInteger();
        ServedConnection served = served(socket, 1_000, tooFarBehind);

        for (int i = 0; i < 100; i++) {
            served.deliver(new Json.Encoded("x".repeat(400), 400));
            socket.drain();
        }
        assertThat(socket.closedWith).isNull();
        assertThat(socket.written).hasSize(100);
        assertThat(tooFarBehind.get()).isZero();
    }

    private static ServedConnection served(Socket socket, long maxQueuedBytes, AtomicInteger tooFarBehind) {
        return new ServedConnection(socket.connection(), SESSION, false, Bucket.builder()
                .addLimit(limit -> limit.capacity(20).refillGreedy(20, java.time.Duration.ofMinutes(1))).build(),
                Runnable::run, maxQueuedBytes, tooFarBehind::incrementAndGet);
    }
}
