package io.trackersuite.gateway.warmup;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServerStart;
import io.trackersuite.gateway.http.ClientRequest;
import io.trackersuite.gateway.ratelimit.RateLimiter;
import io.trackersuite.gateway.routing.ProxyRoutes;
import io.trackersuite.gateway.routing.RoutingConfig;
import io.trackersuite.gateway.traffic.TrafficRecorder;
import io.trackersuite.warmup.Rehearsal;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.ClientOptionsBase;

/**
 * A JVM starts by interpreting: until the JIT compiler has compiled the request path (Netty's HTTP codecs, the proxy,
 * the edge checks, the rate limit), a request costs the gateway ten times what it costs afterwards, and the first
 * clients of a new replica would pay for it. So in JVM mode the gateway rehearses before it reports ready: it sends
 * itself requests through the whole path to a small server of its own on loopback, until the compiler has had little
 * left to compile for a few seconds (at most {@code gateway.warm-up.max-duration}).
 * <p>
 * The rehearsal looks like real traffic where the compiled code depends on it: GETs and POSTs with bodies, exact and
 * prefix routes, WebSockets (a tracker page's: heartbeats up, bursts of deltas down, then the page leaves), and
 * clients that come and go, each from a loopback address of its own (127.1.x.y), so the rate limit keeps meeting new
 * clients. (Without the WebSockets, a new replica behind a busy tracker page spent its first seconds compiling the
 * tunnel: a fifth of its CPU, measured at 1,000 observers.) Its route has a random path and is withdrawn afterwards;
 * its traffic is never published and leaves no metrics; its rate-limit plan is its own. Readiness is DOWN until it
 * has ended.
 */
@Readiness
@Singleton
public class WarmUp implements HealthCheck {

    static final String ROUTE = "gateway-warm-up";
    /** The rehearsal's upstream answers like a service's small JSON endpoint. */
    private static final Buffer ANSWER = Buffer.buffer("""
            {"instance":"gateway-warm-up","version":"1","region":"local","startedAt":"2026-01-01T00:00:00Z"}""");
    /** Every fourth request is a POST with a body, so forwarding a body is compiled too. */
    private static final Buffer BODY = Buffer.buffer("""
            {"page":"/","referrer":"https://example.org/","screen":"1920x1080","language":"en-GB"}""");
    /** Requests a rehearsal client sends before it leaves and a new one (another address) comes. */
    private static final int REQUESTS_PER_CLIENT = 64;
    /** One rehearsal connection in this many is a WebSocket. */
    private static final int ONE_WEB_SOCKET_IN = 4;
    private static final String HEARTBEAT = "{\"type\":\"heartbeat\"}";
    /** What the upstream answers each heartbeat with, as a presence delta reaching an observer. */
    private static final String DELTA = """
            {"type":"delta","joined":[{"id":"warm-up","page":"/","browser":"Chrome","os":"Linux"}],"left":[]}""";
    private static final int DELTAS_PER_HEARTBEAT = 16;
    private static final int HEARTBEATS_PER_WEB_SOCKET = 4;

    private final Vertx vertx;
    private final ProxyRoutes routes;
    private final TrafficRecorder traffic;
    private final WarmUpConfig config;
    private final ValueRegistry runtimeValues;
    private final String base = "/" + ROUTE + "-" + UUID.randomUUID();
    private final AtomicInteger clientsCreated = new AtomicInteger();
    private final Rehearsal rehearsal;

    public WarmUp(Vertx vertx, ProxyRoutes routes, TrafficRecorder traffic, WarmUpConfig config,
            ValueRegistry runtimeValues) {
        this.vertx = vertx;
        this.routes = routes;
        this.traffic = traffic;
        this.config = config;
        this.runtimeValues = runtimeValues;
        this.rehearsal = new Rehearsal("the request path", "requests", config.enabled(), config.maxDuration());
    }

    /** The random path of the rehearsal's route (served only while it lasts). */
    String path() {
        return base;
    }

    @Override
    public HealthCheckResponse call() {
        return rehearsal.health();
    }

    void giveUpIfNoServer(@Observes StartupEvent event) {
        rehearsal.giveUpWithoutServer(vertx, () -> {
        }); // nothing is set up before the server starts
    }

    /** Starts once the gateway listens (an asynchronous event: start-up does not wait for it, readiness does). */
    void start(@ObservesAsync HttpServerStart started) {
        if (!rehearsal.claim()) {
            return;
        }
        String host = Rehearsal.loopback(started.options().getHost());
        int port = runtimeValues.get(io.quarkus.vertx.http.HttpServer.HTTP_SERVER).getPort(); // the bound one
        // clients from addresses of their own need the whole 127/8 on loopback (Linux; macOS has 127.0.0.1 only)
        boolean manyAddresses = host.equals("127.0.0.1") && canBind(clientAddress(0));
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true))
                .requestHandler(request -> {
                    if (ClientRequest.isWebSocketUpgrade(request)) {
                        request.toWebSocket().onSuccess(WarmUp::answerHeartbeatsWithDeltas);
                    } else {
                        request.body().onComplete(ignored -> request.response()
                                .putHeader("Content-Type", "application/json;charset=UTF-8")
                                .end(ANSWER));
                    }
                })
                .listen()
                .onSuccess(upstream -> rehearse(upstream, host, port, manyAddresses))
                .onFailure(failure -> rehearsal.skip("its upstream could not listen: " + failure.getMessage()));
    }

    private void rehearse(HttpServer upstream, String host, int port, boolean manyAddresses) {
        // an exact path and a prefix, as the real routes have both
        routes.add(ROUTE, new Route(List.of(base + "/instance", base + "/"),
                "http://127.0.0.1:" + upstream.actualPort()));
        traffic.keepOwn(ROUTE);
        rehearsal.begin(vertx);
        List<Future<Void>> loops = new ArrayList<>();
        Supplier<HttpClient> clients = () -> newClient(host, port, manyAddresses);
        Supplier<WebSocketClient> pages = () -> newPage(host, port, manyAddresses);
        for (int i = 0; i < config.connections(); i++) {
            Promise<Void> done = Promise.promise();
            if (i % ONE_WEB_SOCKET_IN == ONE_WEB_SOCKET_IN - 1) {
                webSocketLoop(pages, done);
            } else {
                loop(clients, clients.get(), 0, done);
            }
            loops.add(done.future());
        }
        Future.join(loops).onComplete(ignored -> {
            routes.withdraw(ROUTE);
            upstream.close();
            traffic.forget(ROUTE);
            rehearsal.end(vertx);
        });
    }

    private HttpClient newClient(String host, int port, boolean manyAddresses) {
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setDefaultHost(host).setDefaultPort(port);
        return vertx.createHttpClient(fromNextAddress(options, manyAddresses),
                new PoolOptions().setHttp1MaxSize(1)); // one connection: one client
    }

    private WebSocketClient newPage(String host, int port, boolean manyAddresses) {
        WebSocketClientOptions options = new WebSocketClientOptions().setTcpNoDelay(true)
                .setDefaultHost(host).setDefaultPort(port);
        return vertx.createWebSocketClient(fromNextAddress(options, manyAddresses));
    }

    /** A rehearsal client comes from the next loopback address (127.1.x.y) where it can: new to the rate limit. */
    private <T extends ClientOptionsBase> T fromNextAddress(T options, boolean manyAddresses) {
        if (manyAddresses) {
            options.setLocalAddress(clientAddress(clientsCreated.getAndIncrement()));
        }
        return options;
    }

    private static String clientAddress(int n) {
        int address = n % (254 * 254);
        return "127.1." + (1 + address / 254) + "." + (1 + address % 254);
    }

    private static boolean canBind(String address) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(address, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * One connection's requests, one after the other, until the rehearsal stops; every few requests the client leaves
     * and another comes. Each next request is sent from the callback of the last (chained futures would nest as deep
     * as the requests are many).
     */
    private void loop(Supplier<HttpClient> clients, HttpClient client, int sent, Promise<Void> done) {
        if (rehearsal.stopping()) {
            client.close();
            done.complete();
            return;
        }
        if (sent == REQUESTS_PER_CLIENT) {
            client.close();
            loop(clients, clients.get(), 0, done);
            return;
        }
        long n = rehearsal.started();
        boolean post = n % 4 == 0;
        RequestOptions options = new RequestOptions().setMethod(post ? HttpMethod.POST : HttpMethod.GET)
                .setURI(base + (post ? "/visits" : "/instance"))
                .putHeader("Accept", "application/json")
                .putHeader("User-Agent", "tracker-gateway warm-up");
        client.request(options)
                .compose(request -> post ? request.putHeader("Content-Type", "application/json").send(BODY)
                        : request.send())
                .compose(response -> response.body().map(body -> response.statusCode()))
                .onComplete(result -> {
                    if (result.failed() || result.result() != 200) {
                        rehearsal.failed(result.failed() ? result.cause().toString() : "HTTP " + result.result());
                    }
                    vertx.runOnContext(ignored -> loop(clients, client, sent + 1, done));
                });
    }

    /**
     * One connection's WebSockets, one after the other, until the rehearsal stops: each a new page (another address)
     * that sends heartbeats, reads the deltas each one brings and leaves.
     */
    private void webSocketLoop(Supplier<WebSocketClient> pages, Promise<Void> done) {
        if (rehearsal.stopping()) {
            done.complete();
            return;
        }
        rehearsal.started();
        WebSocketClient page = pages.get();
        page.connect(new WebSocketConnectOptions().setURI(base + "/ws")
                .addHeader("User-Agent", "tracker-gateway warm-up"))
                .compose(WarmUp::heartbeatsAndDeltas)
                .onComplete(result -> {
                    if (result.failed()) {
                        rehearsal.failed(result.cause().toString());
                    }
                    page.close();
                    vertx.runOnContext(ignored -> webSocketLoop(pages, done));
                });
    }

    /** The rehearsal upstream's side of a page: each heartbeat brings a burst of deltas back. */
    private static void answerHeartbeatsWithDeltas(ServerWebSocket webSocket) {
        webSocket.textMessageHandler(heartbeat -> {
            for (int i = 0; i < DELTAS_PER_HEARTBEAT; i++) {
                webSocket.writeTextMessage(DELTA);
            }
        });
    }

    private static Future<Void> heartbeatsAndDeltas(WebSocket webSocket) {
        Promise<Void> closed = Promise.promise();
        int[] deltas = {0};
        webSocket.textMessageHandler(delta -> {
            if (++deltas[0] == DELTAS_PER_HEARTBEAT * HEARTBEATS_PER_WEB_SOCKET) {
                webSocket.close();
            } else if (deltas[0] % DELTAS_PER_HEARTBEAT == 0) {
                webSocket.writeTextMessage(HEARTBEAT);
            }
        });
        webSocket.exceptionHandler(closed::tryFail);
        webSocket.closeHandler(ignored -> closed.tryComplete());
        webSocket.writeTextMessage(HEARTBEAT);
        return closed.future();
    }

    /** The rehearsal's route: public, its own rate-limit plan, the limits of any route. */
    private record Route(List<String> paths, String upstream) implements RoutingConfig.Route {
        @Override
        public Duration timeout() {
            return Duration.ofSeconds(10);
        }

        @Override
        public Optional<List<String>> readRoles() {
            return Optional.empty();
        }

        @Override
        public Optional<List<String>> writeRoles() {
            return Optional.empty();
        }

        @Override
        public Optional<List<String>> readOnlyPosts() {
            return Optional.empty();
        }

        @Override
        public String rateLimit() {
            return RateLimiter.WARM_UP_PLAN;
        }

        @Override
        public boolean forwardApiKey() {
            return false;
        }

        @Override
        public MemorySize maxBodySize() {
            return new MemorySize(BigInteger.valueOf(1024 * 1024));
        }
    }
}
