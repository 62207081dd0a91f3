package io.trackersuite.session.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.bucket4j.Bucket;
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
     * The websockets-next side of a client that takes nothing until {@link #drain()}, like one that stopped reading:
     * each send completes only once the socket has taken it.
     */
    private static final class Connection {
        final List<String> sent = new ArrayList<>();
        final List<CompletableFuture<Void>> waiting = new ArrayList<>();
        final List<String> queued = new ArrayList<>();
        CloseReason closedWith;

        WebSocketConnection proxy() {
            return (WebSocketConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] { WebSocketConnection.class }, (proxy, method, args) -> switch (method.getName()) {
                        case "id" -> "connection-1";
                        case "isOpen" -> closedWith == null;
                        case "sendText" -> {
                            CompletableFuture<Void> written = new CompletableFuture<>();
                            queued.add((String) args[0]);
                            waiting.add(written);
                            yield Uni.createFrom().completionStage(written);
                        }
                        case "close" -> {
                            closedWith = (CloseReason) args[0];
                            yield Uni.createFrom().voidItem();
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        void drain() {
            sent.addAll(queued);
            queued.clear();
            List<CompletableFuture<Void>> done = List.copyOf(waiting);
            waiting.clear();
            done.forEach(written -> written.complete(null));
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedWithTryAgainLaterOnceTheQueueIsFull() {
        Connection connection = new Connection();
        AtomicInteger tooFarBehind = new AtomicInteger();
        Json.Encoded message = text("x".repeat(100));
        ServedConnection served = served(connection, 400, tooFarBehind);

        for (int i = 0; i < 4; i++) {
            served.deliver(message); // exactly the budget
        }
        assertThat(connection.closedWith).isNull();
        served.deliver(message);

        assertThat(connection.closedWith.getCode()).isEqualTo(1013);
        assertThat(tooFarBehind.get()).isEqualTo(1);
        served.deliver(text("after the close"));
        connection.drain();
        assertThat(connection.sent).hasSize(4).allMatch(sent -> sent.equals("x".repeat(100))); // never queued after
    }

    @Test
    void aClientThatKeepsReadingNeverHitsTheBound() {
        Connection connection = new Connection();
        AtomicInteger tooFarBehind = new AtomicInteger();
        Json.Encoded message = text("y".repeat(120));
        ServedConnection served = served(connection, 240, tooFarBehind);

        for (int i = 0; i < 100; i++) {
            served.deliver(message);
            connection.drain();
        }
        assertThat(connection.closedWith).isNull();
        assertThat(connection.sent).hasSize(100);
        assertThat(tooFarBehind.get()).isZero();
    }

    @Test
    void theBoundCountsBytesNotCharacters() {
        Connection connection = new Connection();
        AtomicInteger tooFarBehind = new AtomicInteger();
        // 50 characters, 100 bytes in UTF-8
        ServedConnection served = served(connection, 150, tooFarBehind);

        served.deliver(text("é".repeat(50)));
        served.deliver(text("é".repeat(50)));

        assertThat(connection.closedWith.getCode()).isEqualTo(1013);
    }

    private static Json.Encoded text(String text) {
        return new Json.Encoded(text, text.getBytes(StandardCharsets.UTF_8).length);
    }

    private static ServedConnection served(Connection connection, long maxQueuedBytes, AtomicInteger tooFarBehind) {
        return new ServedConnection(connection.proxy(), SESSION, false, Bucket.builder()
                .addLimit(limit -> limit.capacity(20).refillGreedy(20, Duration.ofMinutes(1))).build(),
                null, maxQueuedBytes, tooFarBehind::incrementAndGet);
    }
}
