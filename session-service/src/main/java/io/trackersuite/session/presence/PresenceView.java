package io.trackersuite.session.presence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.WebSocketConnection;
import io.trackersuite.session.api.Json;
import io.trackersuite.session.presence.PresenceMessages.Delta;
import io.trackersuite.session.presence.PresenceMessages.Snapshot;
import io.trackersuite.session.presence.PresenceMessages.Visitor;
import io.vertx.core.Vertx;

/**
 * This instance's picture of everyone connected (on every instance), and the clients it keeps up to date.
 * <p>
 * Changes arrive from local connections, from Redis pub/sub and from reconciliation with Redis; they are collected
 * for {@code presence.coalesce-window} and then sent to every local client as one delta against the list that was
 * last sent. A new client's snapshot is that same last-sent list, taken under the same lock as the deltas, so the
 * snapshot plus the deltas that follow always add up to the truth.
 */
@ApplicationScoped
public class PresenceView {

    private static final Logger LOG = Logger.getLogger(PresenceView.class);
    private static final Comparator<PresenceSession> NEWEST_FIRST = Comparator
            .comparing(PresenceSession::connectedAt).reversed().thenComparing(PresenceSession::id);
    /** How long a leave is remembered, so a reconciliation that read Redis just before it does not resurrect it. */
    private static final long TOMBSTONE_MILLIS = 60_000;

    /** A local client: gets the snapshot and the deltas; admins see unmasked IPs. */
    record Viewer(WebSocketConnection connection, boolean admin) {
    }

    private final PresenceConfig config;
    private final Json json;
    private final Vertx vertx;

    // all guarded by this
    private final Map<String, PresenceSession> sessions = new HashMap<>();
    private final Map<String, Long> learnedAt = new HashMap<>();
    private final Map<String, Long> leftAt = new HashMap<>();
    private final Map<String, Viewer> viewers = new HashMap<>();
    private List<PresenceSession> sent = List.of();
    private long sentTotal;
    private boolean flushScheduled;

    public PresenceView(PresenceConfig config, Json json, Vertx vertx) {
        this.config = config;
        this.json = json;
        this.vertx = vertx;
    }

    /**
     * Registers a client and queues its snapshot; from now on it gets every delta. The snapshot is queued under the
     * same lock as the deltas: queued after it, a delta flushed meanwhile would reach the client first and the
     * snapshot (older) would then erase what the delta added.
     */
    public synchronized void subscribe(Viewer viewer, PresenceSession own) {
        viewers.put(viewer.connection().id(), viewer);
        boolean mask = masksFor(viewer);
        Snapshot snapshot = new Snapshot(Visitor.of(own, false), visitors(sent, mask), sentTotal,
                config.heartbeatInterval().toMillis(), Instant.now());
        send(viewer.connection(), json.write(snapshot));
    }

    public synchronized void unsubscribe(String connectionId) {
        viewers.remove(connectionId);
    }

    public synchronized void joined(PresenceSession session) {
        PresenceSession previous = sessions.put(session.id(), session);
        learnedAt.put(session.id(), System.currentTimeMillis());
        leftAt.remove(session.id());
        if (!session.equals(previous)) {
            scheduleFlush();
        }
    }

    public synchronized void left(String id) {
        if (sessions.remove(id) != null) {
            learnedAt.remove(id);
            leftAt.put(id, System.currentTimeMillis());
            scheduleFlush();
        }
    }

    /**
     * Brings the view in line with what Redis held when it was read at {@code readStartedAt}: adds what is missing,
     * drops what is gone, except changes that arrived after the read (they are newer than the read) and the
     * sessions this replica serves itself ({@code ownIds}, which the caller writes back to Redis).
     */
    public synchronized void reconcile(Map<String, PresenceSession> stored, long readStartedAt, Set<String> ownIds) {
        leftAt.values().removeIf(time -> time < System.currentTimeMillis() - TOMBSTONE_MILLIS);
        boolean changed = false;
        for (PresenceSession session : stored.values()) {
            Long left = leftAt.get(session.id());
            if ((left == null || left < readStartedAt) && !session.equals(sessions.get(session.id()))) {
                sessions.put(session.id(), session);
                learnedAt.put(session.id(), readStartedAt);
                leftAt.remove(session.id());
                changed = true;
            }
        }
        for (var it = sessions.keySet().iterator(); it.hasNext();) {
            String id = it.next();
            if (!stored.containsKey(id) && !ownIds.contains(id) && learnedAt.getOrDefault(id, 0L) < readStartedAt) {
                it.remove();
                learnedAt.remove(id);
                changed = true;
            }
        }
        if (changed) {
            scheduleFlush();
        }
    }

    public synchronized int total() {
        return sessions.size();
    }

    public synchronized int viewers() {
        return viewers.size();
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            vertx.setTimer(Math.max(1, config.coalesceWindow().toMillis()), ignored -> flush());
        }
    }

    synchronized void flush() {
        flushScheduled = false;
        List<PresenceSession> visible = sessions.values().stream()
                .sorted(NEWEST_FIRST)
                .limit(config.visibleSessions())
                .toList();
        Map<String, PresenceSession> before = byId(sent);
        Map<String, PresenceSession> after = byId(visible);
        List<PresenceSession> joined = new ArrayList<>();
        List<PresenceSession> updated = new ArrayList<>();
        for (PresenceSession session : visible) {
            PresenceSession old = before.get(session.id());
            if (old == null) {
                joined.add(session);
            } else if (!old.equals(session)) {
                updated.add(session);
            }
        }
        List<String> left = sent.stream().map(PresenceSession::id).filter(id -> !after.containsKey(id)).toList();
        long total = sessions.size();
        if (joined.isEmpty() && left.isEmpty() && updated.isEmpty() && total == sentTotal) {
            return;
        }
        sent = visible;
        sentTotal = total;
        Instant now = Instant.now();
        String plain = json.write(new Delta(visitors(joined, false), left, visitors(updated, false), total, now));
        String masked = config.privacy().maskIps()
                ? json.write(new Delta(visitors(joined, true), left, visitors(updated, true), total, now))
                : plain;
        for (Viewer viewer : viewers.values()) {
            send(viewer.connection(), masksFor(viewer) ? masked : plain);
        }
    }

    /** Queues a text frame; writes on one connection keep the order of these calls. */
    static void send(WebSocketConnection connection, String message) {
        if (connection.isOpen()) {
            connection.sendText(message).subscribe().with(
                    ignored -> {
                    },
                    failure -> LOG.debugf("presence message to %s not sent: %s", connection.id(), failure.toString()));
        }
    }

    private boolean masksFor(Viewer viewer) {
        return config.privacy().maskIps() && !viewer.admin();
    }

    private static Map<String, PresenceSession> byId(List<PresenceSession> list) {
        Map<String, PresenceSession> map = new LinkedHashMap<>();
        list.forEach(session -> map.put(session.id(), session));
        return map;
    }

    private static List<Visitor> visitors(List<PresenceSession> sessions, boolean mask) {
        return sessions.stream().map(session -> Visitor.of(session, mask)).toList();
    }
}
