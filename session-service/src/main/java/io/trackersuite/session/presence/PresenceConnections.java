package io.trackersuite.session.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.vertx.VertxContext;
import io.trackersuite.session.api.Json;
import io.trackersuite.session.instance.InstanceIdentity;
import io.trackersuite.session.net.ClientAddresses;
import io.trackersuite.session.presence.PresenceMessages.ClientMessage;
import io.trackersuite.session.presence.PresenceMessages.HeartbeatAck;
import io.trackersuite.useragent.UserAgentParser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The WebSocket connections this instance serves: admission (instance and per-IP limits), the visitor's session,
 * client messages (heartbeats) with their limits, and removal on close or heartbeat timeout.
 */
@ApplicationScoped
public class PresenceConnections {

    private static final Logger LOG = Logger.getLogger(PresenceConnections.class);

    private final PresenceConfig config;
    private final PresenceView view;
    private final PresenceSync sync;
    private final ClientAddresses addresses;
    private final InstanceIdentity identity;
    /** Client messages as the protocol defines them; a field it does not know is ignored, as before. */
    private final ObjectReader clientMessages;
    private final Json json;
    private final UserAgentParser userAgents;
    private final Map<String, ServedConnection> byConnection = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perIp = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Counter refusedFull;
    private final Counter refusedPerIp;
    private final Counter policyClosed;
    private final Counter tooFarBehind;
    private final Counter joins;
    private final Counter leaves;

    public PresenceConnections(PresenceConfig config, PresenceView view, PresenceSync sync, ClientAddresses addresses,
            InstanceIdentity identity, ObjectMapper mapper, Json json, MeterRegistry metrics) {
        this.config = config;
        this.view = view;
        this.sync = sync;
        this.addresses = addresses;
        this.identity = identity;
        this.clientMessages = mapper.readerFor(ClientMessage.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.userAgents = new UserAgentParser();
        this.json = json;
        metrics.gauge("presence.connections", open);
        metrics.gauge("presence.sessions.total", view, PresenceView::total);
        this.refusedFull = metrics.counter("presence.connections.refused", "reason", "max-users");
        this.refusedPerIp = metrics.counter("presence.connections.refused", "reason", "per-ip");
        this.policyClosed = metrics.counter("presence.connections.policy.closed");
        this.tooFarBehind = metrics.counter("presence.connections.slow.closed");
        this.joins = metrics.counter("presence.joins");
        this.leaves = metrics.counter("presence.leaves");
    }

    /** Runs on the connection's event loop: nothing here blocks (the Redis write is asynchronous). */
    public void open(WebSocketConnection connection, boolean admin) {
        HandshakeRequest handshake = connection.handshakeRequest();
        String ip = addresses.clientIp(handshake.remoteAddress(), handshake.header("X-Forwarded-For"));
        if (open.incrementAndGet() > config.maxConnections()) {
            open.decrementAndGet();
            refusedFull.increment();
            close(connection, PresenceCloseCodes.MAX_USERS);
            return;
        }
        if (perIp.computeIfAbsent(ip, key -> new AtomicInteger()).incrementAndGet() > config.maxConnectionsPerIp()) {
            release(ip);
            open.decrementAndGet();
            refusedPerIp.increment();
            close(connection, PresenceCloseCodes.TOO_MANY_FROM_IP);
            return;
        }
        String raw = handshake.header("User-Agent");
        String userAgent = raw == null ? "" : UserAgentParser.clean(raw, config.maxUserAgentChars());
        UserAgentParser.UserAgentInfo agent = userAgents.parse(userAgent);
        PresenceSession session = new PresenceSession(UUID.randomUUID().toString(), ip, userAgent, agent.browser(),
                agent.browserVersion(), agent.os(), agent.device(), Instant.now(), identity.instanceId(),
                identity.replicaId());
        Bucket messages = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(config.maxMessagesPerMinute())
                        .refillGreedy(config.maxMessagesPerMinute(), Duration.ofMinutes(1)).build())
                .build();
        ServedConnection served = new ServedConnection(connection, session, admin, messages, eventLoop(),
                config.maxQueuedBytes(), () -> {
                    tooFarBehind.increment();
                    closed(connection);
                });
        byConnection.put(connection.id(), served);
        view.subscribe(served, session);
        view.joined(session);
        joins.increment();
        sync.saved(served);
    }

    public void message(WebSocketConnection connection, String text) {
        ServedConnection local = byConnection.get(connection.id());
        if (local == null) {
            return;
        }
        if (text.length() > config.maxMessageChars()) {
            policyClose(local, "message too large");
            return;
        }
        if (!local.messages.tryConsume(1)) {
            policyClose(local, "too many messages");
            return;
        }
        ClientMessage message;
        try {
            message = clientMessages.readValue(text);
        } catch (JsonProcessingException e) {
            policyClose(local, "malformed message");
            return;
        }
        if (message == null || message.type() == null) {
            policyClose(local, "malformed message");
            return;
        }
        if ("heartbeat".equals(message.type())) {
            local.lastHeartbeatMillis = System.currentTimeMillis();
            sync.heartbeat(local.session.id(), local.lastHeartbeatMillis);
            reply(local, new HeartbeatAck(Instant.now()));
        } else {
            reply(local, new PresenceMessages.Error("unknown-type",
                    "unknown message type; this server understands: heartbeat"));
        }
    }

    public void binaryMessage(WebSocketConnection connection) {
        ServedConnection local = byConnection.get(connection.id());
        if (local != null) {
            policyClose(local, "binary messages are not accepted");
        }
    }

    /** The socket is gone (closed, reset, or closed by us): the session ends at once, everywhere. */
    public void closed(WebSocketConnection connection) {
        ServedConnection local = byConnection.remove(connection.id());
        if (local == null) {
            return;
        }
        open.decrementAndGet();
        release(local.session.ip());
        view.unsubscribe(connection.id());
        view.left(local.session.id());
        leaves.increment();
        sync.removed(local);
    }

    /** Closes local connections whose client stopped sending heartbeats (a phone that lost its network). */
    void closeSilent(long cutoffMillis) {
        for (ServedConnection local : byConnection.values()) {
            if (local.lastHeartbeatMillis < cutoffMillis) {
                LOG.debugf("presence session %s: no heartbeat, closing", local.session.id());
                local.close(PresenceCloseCodes.HEARTBEAT_TIMEOUT);
                closed(local.connection);
            }
        }
    }

    /** Sessions served here, with their last heartbeat: what Redis must hold of this instance after an outage. */
    Collection<ServedConnection> locals() {
        return List.copyOf(byConnection.values());
    }

    public int openConnections() {
        return open.get();
    }

    public boolean full() {
        return open.get() >= config.maxConnections();
    }

    private void policyClose(ServedConnection local, String why) {
        policyClosed.increment();
        local.close(PresenceCloseCodes.policyViolation(why));
    }

    /** Called on the connection's event loop, like the deltas it is queued with. */
    private void reply(ServedConnection local, Object message) {
        local.deliver(json.encode(message));
    }

    /**
     * The event loop of the connection being opened (its root context: every connection on that loop shares it, so a
     * delta is handed to each loop once), where its messages are written without a thread handoff.
     */
    private static Context eventLoop() {
        Context context = Vertx.currentContext();
        if (context == null || !context.isEventLoopContext()) {
            throw new IllegalStateException("presence connections are opened on a Vert.x event loop");
        }
        return VertxContext.getRootContext(context);
    }

    private void release(String ip) {
        perIp.computeIfPresent(ip, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    private static void close(WebSocketConnection connection, CloseReason reason) {
        connection.close(reason).subscribe().with(ignored -> {
        }, failure -> LOG.debugf("closing %s: %s", connection.id(), failure.toString()));
    }
}
