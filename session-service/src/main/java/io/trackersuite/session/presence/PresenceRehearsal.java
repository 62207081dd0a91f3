package io.trackersuite.session.presence;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServerStart;
import io.quarkus.websockets.next.WebSocketConnection;
import io.trackersuite.session.api.Json;
import io.trackersuite.session.instance.InstanceIdentity;
import io.trackersuite.warmup.Rehearsal;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * A JVM starts by interpreting: in a replica's first minute a join took twice as long to reach every page as it did
 * later, while the JIT compiler caught up with the WebSocket upgrade, the join's Redis script, the view's fan-out and
 * the writes. So in JVM mode the service rehearses before it reports ready: observers of its own connect to it on
 * loopback, and visitors of its own join, send a heartbeat and leave, one after the other, until the compiler has
 * had little left to compile for a few seconds (at most {@code presence.warm-up.max-duration}).
 * <p>
 * The rehearsal's connections go through the real endpoint and the same classes, but a presence of their own: a
 * view, a sync and Redis keys nobody else reads ({@code presence:warm-up:<random>:*}, dropped at the end and set to
 * expire meanwhile), no limits of the real instance, no metrics. They are told apart by a header carrying a secret
 * made at start. Readiness is DOWN until the rehearsal has ended.
 */
@Readiness
@Singleton
public class PresenceRehearsal implements HealthCheck {

    static final String HEADER = "X-Presence-Rehearsal";
    private static final String HEARTBEAT = "{\"type\":\"heartbeat\"}";
    /** Pages are opened from several browsers: the User-Agent parser is rehearsed on more than one answer. */
    private static final List<String> USER_AGENTS = List.of(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.2 Mobile/15E148 Safari/604.1");
    private static final Duration OBSERVER_HEARTBEAT = Duration.ofSeconds(5);
    /** The rehearsal's keys outlive a process that dies midway by this much at most. */
    private static final Duration KEYS_EXPIRE = Duration.ofMinutes(2);
    /** Time given to the server side to see the rehearsal's connections closed. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final PresenceConfig config;
    private final Vertx vertx;
    private final ValueRegistry runtimeValues;
    private final RedisDataSource redis;
    private final ReactiveRedisDataSource reactiveRedis;
    private final Json json;
    private final InstanceIdentity identity;
    private final PresenceConnections visitors;
    private final Rehearsal rehearsal;
    /** The secret the rehearsal's connections carry in {@link #HEADER}. */
    private final String secret = UUID.randomUUID().toString();
    // the rehearsal's own presence, set up at start
    private PresenceStore store;
    private PresenceSync sync;
    /** Serves the rehearsal's connections until they are all closed; null when there is no rehearsal (any more). */
    private volatile PresenceConnections connections;

    public PresenceRehearsal(PresenceConfig config, Vertx vertx, ValueRegistry runtimeValues, RedisDataSource redis,
            ReactiveRedisDataSource reactiveRedis, Json json, InstanceIdentity identity, PresenceConnections visitors) {
        this.config = config;
        this.vertx = vertx;
        this.runtimeValues = runtimeValues;
        this.redis = redis;
        this.reactiveRedis = reactiveRedis;
        this.json = json;
        this.identity = identity;
        this.visitors = visitors;
        this.rehearsal = new Rehearsal("the presence path", "joins", config.warmUp().enabled(),
                config.warmUp().maxDuration());
    }

    @Override
    public HealthCheckResponse call() {
        return rehearsal.health();
    }

    /** The connections that serve this WebSocket: the rehearsal's own for its connections, else the visitors'. */
    PresenceConnections servedBy(WebSocketConnection connection) {
        PresenceConnections own = connections;
        return own != null && secret.equals(connection.handshakeRequest().header(HEADER)) ? own : visitors;
    }

    /**
     * Sets up the rehearsal's own presence while the service starts (its pub/sub subscription, like the visitors',
     * from the start-up thread), and gives up waiting for the HTTP server after a while.
     */
    void prepare(@Observes StartupEvent event) {
        if (!rehearsal.pending()) {
            return;
        }
        store = new PresenceStore(PresenceStore.Keys.of("presence:warm-up:" + UUID.randomUUID()), redis,
                reactiveRedis, json);
        SimpleMeterRegistry unpublished = new SimpleMeterRegistry();
        PresenceView view = new PresenceView(config, json, vertx, unpublished);
        sync = new PresenceSync(store, json, view, identity, reactiveRedis, vertx);
        sync.subscribe();
        // twice the connections it opens: a joiner's next connect may come before the server has seen its last close
        int most = 2 * (config.warmUp().observers() + config.warmUp().joiners());
        connections = visitors.apart(new PresenceConnections.Admission(most, most), view, sync, unpublished);
        rehearsal.giveUpWithoutServer(vertx, this::dismantle);
    }

    /** Starts once the service listens (an asynchronous event: start-up does not wait for it, readiness does). */
    void start(@ObservesAsync HttpServerStart started) {
        if (!rehearsal.claim()) {
            return;
        }
        String host = Rehearsal.loopback(started.options().getHost());
        int port = runtimeValues.get(io.quarkus.vertx.http.HttpServer.HTTP_SERVER).getPort(); // the bound one
        int opened = config.warmUp().observers() + config.warmUp().joiners();
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setDefaultHost(host).setDefaultPort(port).setMaxConnections(opened).setConnectTimeout(10_000));
        rehearsal.begin(vertx);
        long keepKeys = vertx.setPeriodic(1, KEYS_EXPIRE.toMillis() / 4,
                id -> store.expire(KEYS_EXPIRE).subscribe().with(ok -> {
                }, failure -> rehearsal.failed("expiring its keys: " + failure.getMessage())));
        List<WebSocket> observers = new CopyOnWriteArrayList<>(); // connected from every event loop
        observe(client, config.warmUp().observers(), observers, () -> {
            AtomicInteger running = new AtomicInteger(config.warmUp().joiners());
            for (int i = 0; i < config.warmUp().joiners(); i++) {
                join(client, i, () -> {
                    if (running.decrementAndGet() == 0) {
                        finish(client, observers, keepKeys);
                    }
                });
            }
        });
    }

    /** Opens the observers (they only read, and heartbeat like the page), then runs {@code then}. */
    private void observe(WebSocketClient client, int count, List<WebSocket> observers, Runnable then) {
        AtomicInteger pending = new AtomicInteger(count);
        for (int i = 0; i < count; i++) {
            client.connect(options(i)).onComplete(result -> {
                if (result.succeeded()) {
                    WebSocket observer = result.result();
                    observer.handler(message -> {
                    }); // read, not decoded: the page's work is not the service's
                    observers.add(observer);
                    vertx.setPeriodic(OBSERVER_HEARTBEAT.toMillis(), id -> {
                        if (observer.isClosed()) {
                            vertx.cancelTimer(id);
                        } else {
                            observer.writeTextMessage(HEARTBEAT);
                        }
                    });
                } else {
                    rehearsal.failed("observer: " + result.cause());
                }
                if (pending.decrementAndGet() == 0) {
                    then.run();
                }
            });
        }
    }

    /**
     * One rehearsal visitor after the other until the rehearsal stops: connect, wait for the snapshot, send a
     * heartbeat, wait for its answer, leave. Each next one starts from the last one's close handler.
     */
    private void join(WebSocketClient client, int n, Runnable done) {
        if (rehearsal.stopping()) {
            done.run();
            return;
        }
        rehearsal.started();
        client.connect(options(n)).onComplete(result -> {
            if (result.failed()) {
                rehearsal.failed("join: " + result.cause());
                vertx.runOnContext(ignored -> join(client, n + 1, done));
                return;
            }
            WebSocket visitor = result.result();
            boolean[] greeted = {false};
            visitor.textMessageHandler(text -> {
                if (!greeted[0] && text.contains("\"snapshot\"")) {
                    greeted[0] = true;
                    visitor.writeTextMessage(HEARTBEAT);
                } else if (text.contains("\"heartbeat-ack\"")) {
                    visitor.close();
                }
            });
            visitor.closeHandler(ignored -> {
                if (!greeted[0]) {
                    rehearsal.failed("join closed before its snapshot: " + visitor.closeStatusCode());
                }
                vertx.runOnContext(next -> join(client, n + 1, done));
            });
        });
    }

    /** Closes the observers, waits for the service to have seen every close, then drops the rehearsal's presence. */
    private void finish(WebSocketClient client, List<WebSocket> observers, long keepKeys) {
        observers.forEach(WebSocket::close);
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        vertx.setPeriodic(100, id -> {
            if (connections.openConnections() > 0 && System.nanoTime() < deadline) {
                return;
            }
            vertx.cancelTimer(id);
            vertx.cancelTimer(keepKeys);
            client.close();
            dismantle();
            rehearsal.end(vertx);
        });
    }

    /** Removes the rehearsal's presence: connections, subscription, keys (which expire if this fails). */
    private void dismantle() {
        connections = null;
        sync.stop();
        store.drop().subscribe().with(ok -> {
        }, failure -> rehearsal.failed("dropping its keys (they expire): " + failure.getMessage()));
    }

    private WebSocketConnectOptions options(int n) {
        return new WebSocketConnectOptions().setURI("/api/presence/ws")
                .addHeader(HEADER, secret)
                .addHeader("User-Agent", USER_AGENTS.get(n % USER_AGENTS.size()));
    }
}
