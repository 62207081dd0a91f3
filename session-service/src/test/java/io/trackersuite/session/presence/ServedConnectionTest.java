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
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.trackersuite.session.api.Json;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrame;

/** The slow-client rule: what a client has not taken yet is bounded in bytes, then the client is closed with 1013. */
@Tag("unit")
class ServedConnectionTest {

    private static final PresenceSession SESSION = new PresenceSession("s", "203.0.113.1", "UA", "Firefox", "120",
            "Linux", "desktop", Instant.now(), "instance-a", "replica-a");

    /** A connection whose writes complete only when the test says so, like a socket whose peer stopped reading. */
    private static final class Socket {
        final List<Handler<AsyncResult<Void>>> pendingWrites = new ArrayList<>();
        final List<String> written = new ArrayList<>();
        CloseReason closedWith;

        WebSocketConnection connection() {
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

        @SuppressWarnings("unchecked")
        WebSocketBase vertxSocket() {
            return (WebSocketBase) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] { WebSocketBase.class }, (proxy, method, args) -> switch (method.getName()) {
                        case "isClosed" -> closedWith != null;
                        case "writeFrame" -> {
                            written.add(((WebSocketFrame) args[0]).textData());
                            pendingWrites.add((Handler<AsyncResult<Void>>) args[1]);
                            yield proxy;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        void drain() {
            pendingWrites.forEach(write -> write.handle(Future.succeededFuture()));
            pendingWrites.clear();
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedWithTryAgainLaterOnceTheQueueIsFull() {
        Socket socket = new Socket();
        AtomicInteger tooFarBehind = new AtomicInteger();
        ServedConnection served = served(socket, 1_000, tooFarBehind);

        for (int i = 0; i < 4; i++) {
            served.deliver(text("x".repeat(250))); // exactly the budget
        }
        assertThat(socket.closedWith).isNull();
        served.deliver(text("one more"));

        assertThat(socket.closedWith.getCode()).isEqualTo(1013);
        assertThat(tooFarBehind.get()).isEqualTo(1);
        assertThat(socket.written).hasSize(4); // the message over the budget was never queued
        served.deliver(text("after the close"));
        assertThat(socket.written).hasSize(4);
    }

    @Test
    void aClientThatKeepsReadingNeverHitsTheBound() {
        Socket socket = new Socket();
        AtomicInteger tooFarBehind = new AtomicInteger();
        ServedConnection served = served(socket, 1_000, tooFarBehind);

        for (int i = 0; i < 100; i++) {
            served.deliver(text("x".repeat(400)));
            socket.drain();
        }
        assertThat(socket.closedWith).isNull();
        assertThat(socket.written).hasSize(100);
        assertThat(tooFarBehind.get()).isZero();
    }

    private static Json.Encoded text(String ascii) {
        return new Json.Encoded(ascii.getBytes(StandardCharsets.UTF_8));
    }

    private static ServedConnection served(Socket socket, long maxQueuedBytes, AtomicInteger tooFarBehind) {
        return new ServedConnection(socket.connection(), socket.vertxSocket(), SESSION, false, Bucket.builder()
                .addLimit(limit -> limit.capacity(20).refillGreedy(20, java.time.Duration.ofMinutes(1))).build(),
                Runnable::run, maxQueuedBytes, tooFarBehind::incrementAndGet);
    }
}
