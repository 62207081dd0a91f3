package io.trackersuite.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;

/**
 * The tunnel between a WebSocket client and its service, with real sockets on loopback: a client that stops
 * reading holds its service back instead of making the gateway buffer what the service sends.
 */
@Tag("unit")
class WebSocketTunnelTest {

    private static final int CHUNK = 64 * 1024;
    private static final int SOCKET_BUFFER = 64 * 1024;
    /** What the service would send if nothing held it back. */
    private static final long SERVICE_WANTS_TO_SEND = 128L * 1024 * 1024;
    /** The gateway's client-connection idle timeout where a test needs one (the real one is 30 minutes). */
    private static final int IDLE_TIMEOUT_MS = 600;

    private Vertx vertx;
    private final AtomicLong serviceSent = new AtomicLong();
    private final AtomicBoolean serviceHeldBack = new AtomicBoolean();

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aClientThatStopsReadingHoldsItsServiceBack() throws Exception {
        // fixed socket buffers (no kernel auto-tuning), so what may wait on the way is small and known
        int servicePort = listen(vertx.createHttpServer(new HttpServerOptions().setSendBufferSize(SOCKET_BUFFER))
                .requestHandler(request -> {
                    request.response().putHeader("Upgrade", "websocket").putHeader("Connection", "Upgrade");
                    request.toNetSocket().onSuccess(this::sendAsFastAsAllowed);
                }));
        WebSocketTunnel tunnel = new WebSocketTunnel(
                vertx.createHttpClient(new HttpClientOptions().setReceiveBufferSize(SOCKET_BUFFER)),
                SocketAddress.inetSocketAddress(servicePort, "127.0.0.1"), 0);
        int gatewayPort = listen(vertx.createHttpServer(new HttpServerOptions().setSendBufferSize(SOCKET_BUFFER))
                .requestHandler(request -> tunnel.open(request,
                        failure -> request.response().setStatusCode(502).end())));

        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(SOCKET_BUFFER);
            client.connect(new InetSocketAddress("127.0.0.1", gatewayPort));
            OutputStream out = client.getOutputStream();
            out.write(("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(statusLine(client.getInputStream())).startsWith("HTTP/1.1 101");

            // the client reads nothing more: the service may fill the buffers on the way, then has to wait; wait
            // (up to 30 s) until it is held back and has sent nothing for a second
            AtomicLong lastSent = new AtomicLong(-1);
            AtomicLong unchangedSince = new AtomicLong(System.nanoTime());
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                long sent = serviceSent.get();
                if (sent != lastSent.getAndSet(sent)) {
                    unchangedSince.set(System.nanoTime());
                }
                return serviceHeldBack.get() && System.nanoTime() - unchangedSince.get() >= TimeUnit.SECONDS.toNanos(1);
            });

            assertThat(serviceHeldBack).as("the service was told to wait").isTrue();
            assertThat(serviceSent.get()).as("bytes the service got out while the client read nothing")
                    .isLessThan(SERVICE_WANTS_TO_SEND / 16);
        }
    }

    @Test
    void bytesGoThroughBothWaysInOrderAndAClientLeavingClosesTheServiceSide() throws Exception {
        // a service that answers the upgrade and greets in one write, as a WebSocket server sending its first frame
        // at once may; then echoes what it reads
        CompletableFuture<Void> serviceSideClosed = new CompletableFuture<>();
        NetServer service = vertx.createNetServer().connectHandler(socket -> {
            StringBuilder request = new StringBuilder();
            socket.closeHandler(closed -> serviceSideClosed.complete(null));
            socket.handler(bytes -> {
                if (request.indexOf("\r\n\r\n") >= 0) {
                    socket.write(Buffer.buffer("echo:").appendBuffer(bytes));
                    return;
                }
                request.append(bytes.toString(StandardCharsets.US_ASCII));
                if (request.indexOf("\r\n\r\n") >= 0) {
                    socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "\r\nhello;");
                }
            });
        });
        int gatewayPort = tunnelTo(service);

        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", gatewayPort));
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            InputStream in = client.getInputStream();
            out.write(("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(statusLine(in)).startsWith("HTTP/1.1 101");
            assertThat(read(in, "hello;".length())).isEqualTo("hello;");
            for (int i = 0; i < 100; i++) {
                out.write(("ping" + i).getBytes(StandardCharsets.US_ASCII));
                String expected = "echo:ping" + i;
                assertThat(read(in, expected.length())).isEqualTo(expected);
            }
        }
        serviceSideClosed.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aClientGoneBeforeItsServiceAnswersClosesTheServiceSide() throws Exception {
        // the service accepts the upgrade 300 ms late; by then each client has reset its connection. Left open, the
        // service side would keep a visitor nobody is on the tracker page until its heartbeat timeout.
        int clients = 20;
        CountDownLatch serviceSidesClosed = new CountDownLatch(clients);
        NetServer service = vertx.createNetServer().connectHandler(socket -> {
            AtomicBoolean answered = new AtomicBoolean();
            socket.closeHandler(closed -> serviceSidesClosed.countDown());
            socket.handler(bytes -> {
                if (answered.compareAndSet(false, true)) {
                    vertx.setTimer(300, late -> socket.write("HTTP/1.1 101 Switching Protocols\r\n"
                            + "Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n"));
                }
            });
        });
        int gatewayPort = tunnelTo(service);

        for (int i = 0; i < clients; i++) {
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress("127.0.0.1", gatewayPort));
                client.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                client.setSoLinger(true, 0); // a reset, as a client that gives up sends
            }
        }
        assertThat(serviceSidesClosed.await(10, TimeUnit.SECONDS)).as("every service side closed").isTrue();
    }

    @Test
    void aSilentTunnelIsClosedAfterTheClientConnectionsIdleTimeout() throws Exception {
        CompletableFuture<Void> serviceSideClosed = new CompletableFuture<>();
        int gatewayPort = tunnelTo(acceptingService(serviceSideClosed, socket -> {
        }), new HttpServerOptions().setIdleTimeout(IDLE_TIMEOUT_MS).setIdleTimeoutUnit(TimeUnit.MILLISECONDS));

        try (Socket client = upgradedClient(gatewayPort)) {
            long upgraded = System.nanoTime();
            assertThat(client.getInputStream().read()).as("end of stream").isEqualTo(-1);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - upgraded)).as("silent for")
                    .isGreaterThanOrEqualTo(IDLE_TIMEOUT_MS - 50);
        }
        serviceSideClosed.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTunnelOnlyTheServiceWritesToOutlivesTheIdleTimeout() throws Exception {
        // as an observer of the tracker page that only receives deltas; here one byte every fifth of the timeout
        int ticks = 15;
        CompletableFuture<Void> serviceSideClosed = new CompletableFuture<>();
        int gatewayPort = tunnelTo(acceptingService(serviceSideClosed, socket -> {
            AtomicInteger sent = new AtomicInteger();
            vertx.setPeriodic(IDLE_TIMEOUT_MS / 5, timer -> {
                socket.write("t");
                if (sent.incrementAndGet() == ticks) {
                    vertx.cancelTimer(timer);
                }
            });
        }), new HttpServerOptions().setIdleTimeout(IDLE_TIMEOUT_MS).setIdleTimeoutUnit(TimeUnit.MILLISECONDS));

        try (Socket client = upgradedClient(gatewayPort)) {
            assertThat(read(client.getInputStream(), ticks)).as("three timeouts' worth of ticks")
                    .isEqualTo("t".repeat(ticks));
            assertThat(serviceSideClosed).as("the service's side, while it writes").isNotDone();
        }
        serviceSideClosed.get(10, TimeUnit.SECONDS);
    }

    /** A service that answers an upgrade with 101, then hands the connection to {@code upgraded}. */
    private NetServer acceptingService(CompletableFuture<Void> closed, Consumer<NetSocket> upgraded) {
        return vertx.createNetServer().connectHandler(socket -> {
            AtomicBoolean answered = new AtomicBoolean();
            socket.closeHandler(ignored -> closed.complete(null));
            socket.handler(bytes -> {
                if (answered.compareAndSet(false, true)) {
                    socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\n\r\n");
                    upgraded.accept(socket);
                }
            });
        });
    }

    private static Socket upgradedClient(int gatewayPort) throws Exception {
        Socket client = new Socket();
        client.connect(new InetSocketAddress("127.0.0.1", gatewayPort));
        client.setSoTimeout(10_000);
        client.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(statusLine(client.getInputStream())).startsWith("HTTP/1.1 101");
        return client;
    }

    private int tunnelTo(NetServer service) throws Exception {
        return tunnelTo(service, new HttpServerOptions());
    }

    /** A gateway on a free port whose every request is tunnelled to the given service, started on one too. */
    private int tunnelTo(NetServer service, HttpServerOptions gateway) throws Exception {
        int servicePort = service.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS).actualPort();
        WebSocketTunnel tunnel = new WebSocketTunnel(vertx.createHttpClient(),
                SocketAddress.inetSocketAddress(servicePort, "127.0.0.1"), 0);
        return listen(vertx.createHttpServer(gateway).requestHandler(request -> tunnel.open(request,
                failure -> request.response().setStatusCode(502).end())));
    }

    /** Writes until the tunnel's side of the connection says its queue is full, and resumes when it drains. */
    private void sendAsFastAsAllowed(NetSocket socket) {
        Buffer chunk = Buffer.buffer(new byte[CHUNK]);
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            while (serviceSent.get() < SERVICE_WANTS_TO_SEND) {
                if (socket.writeQueueFull()) {
                    serviceHeldBack.set(true);
                    socket.drainHandler(drained -> {
                        serviceHeldBack.set(false);
                        pump[0].run();
                    });
                    return;
                }
                socket.write(chunk);
                serviceSent.addAndGet(CHUNK);
            }
        };
        pump[0].run();
    }

    private static String statusLine(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static String read(InputStream in, int length) throws Exception {
        return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }

    private static int listen(HttpServer server) throws Exception {
        CompletableFuture<HttpServer> listening = server.listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture();
        return listening.get(10, TimeUnit.SECONDS).actualPort();
    }
}
