package io.trackersuite.session.presence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.trackersuite.session.api.Json;
import io.trackersuite.session.presence.PresenceMessages.Delta;
import io.trackersuite.session.presence.PresenceMessages.Snapshot;
import io.trackersuite.session.presence.PresenceMessages.Visitor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * This instance's picture of everyone connected (on every instance), and the clients it keeps up to date.
 * <p>
 * Changes arrive from local connections, from Redis pub/sub and from reconciliation with Redis. A change that finds
 * the view quiet (nothing sent for the coalescing window) goes out at once; changes that follow within the window
 * are collected and sent together when it ends, so a lone join is never held back and a burst is still one
 * message. Each message is encoded once per variant (masked, plain) and handed to each client's own event loop in one
 * task per loop, which sends it to each of that loop's clients. A new client's
 * snapshot is the list last sent, queued under the same lock and on the same event loop as the deltas, so the
 * snapshot plus the deltas that follow always add up to the truth.
 */
@ApplicationScoped
public class PresenceView {

    private static final Comparator<PresenceSession> NEWEST_FIRST = Comparator
            .comparing(PresenceSession::connectedAt).reversed().thenComparing(PresenceSession::id);
    /**
     * How long a leave is remembered: a read of Redis in that time never brings the session back. The read may
     * come after the leave and still hold the session, as this replica removes a session from Redis only once its
     * join is written there; a session that really comes back (written back after an outage) is announced with a
     * join, which clears the tombstone.
     */
    private static final long TOMBSTONE_MILLIS = 60_000;

    /** A local client: gets the snapshot and the deltas on its own event loop; admins see unmasked IPs. */
    public interface Viewer {
        String id();

        boolean admin();

        /** Where this client's sends run, in the order they were handed over (the connection's event loop). */
        Context context();

        /** Sends one text message; called on {@link #context()}. */
        void deliver(Json.Encoded message);
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
    /** {@code sent} as JSON arrays for snapshots, per variant; encoded on first use after each change. */
    private String sentPlainJson;
    private String sentMaskedJson;
    private long sentTotal;
    private long lastFlushMillis;
    private boolean flushScheduled;
    /** When the oldest change not yet sent arrived (System.nanoTime), 0 when everything was sent. */
    private long pendingSinceNanos;
    /** From a change to its delta written to every client of one event loop (coalescing window included). */
    private final Timer fanOutLatency;

    public PresenceView(PresenceConfig config, Json json, Vertx vertx, MeterRegistry metrics) {
        this.config = config;
        this.json = json;
        this.vertx = vertx;
        this.fanOutLatency = Timer.builder("presence.fanout")
                .description("From a join or leave to its delta written to the clients of one event loop")
                .publishPercentileHistogram().register(metrics);
    }

    /**
     * Registers a client and queues its snapshot; from now on it gets every delta. The snapshot is queued under the
     * same lock as the deltas: queued after it, a delta flushed meanwhile would reach the client first and the
     * snapshot (older) would then erase what the delta added.
     */
    public synchronized void subscribe(Viewer viewer, PresenceSession own) {
        viewers.put(viewer.id(), viewer);
        Snapshot snapshot = new Snapshot(Visitor.of(own, false), sentJson(masksFor(viewer)), sentTotal,
                config.heartbeatInterval().toMillis(), Instant.now());
        Json.Encoded message = json.encode(snapshot);
        viewer.context().runOnContext(ignored -> viewer.deliver(message));
    }

    public synchronized void unsubscribe(String viewerId) {
        viewers.remove(viewerId);
    }

    public synchronized void joined(PresenceSession session) {
        PresenceSession previous = sessions.put(session.id(), session);
        learnedAt.put(session.id(), System.currentTimeMillis());
        leftAt.remove(session.id());
        if (!session.equals(previous)) {
            changed();
        }
    }

    public synchronized void left(String id) {
        if (sessions.remove(id) != null) {
            learnedAt.remove(id);
            leftAt.put(id, System.currentTimeMillis());
            changed();
        }
    }

    /**
     * Brings the view in line with what Redis held when it was read at {@code readStartedAt}: adds what is missing
     * unless it left lately (see {@link #TOMBSTONE_MILLIS}), drops what is gone, except changes that arrived after
     * the read (they are newer than the read) and the sessions this replica serves itself ({@code ownIds}, which the
     * caller writes back to Redis).
     */
    public synchronized void reconcile(Map<String, PresenceSession> stored, long readStartedAt, Set<String> ownIds) {
        leftAt.values().removeIf(time -> time < System.currentTimeMillis() - TOMBSTONE_MILLIS);
        boolean changed = false;
        for (PresenceSession session : stored.values()) {
            if (!leftAt.containsKey(session.id()) && !session.equals(sessions.get(session.id()))) {
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
            changed();
        }
    }

    public synchronized int total() {
        return sessions.size();
    }

    public synchronized int viewers() {
        return viewers.size();
    }

    /** Leading edge: a change after a quiet window is sent now; later ones wait for the window to end. */
    private void changed() {
        if (pendingSinceNanos == 0) {
            pendingSinceNanos = System.nanoTime();
        }
        if (flushScheduled) {
            return;
        }
        long wait = lastFlushMillis + windowMillis() - System.currentTimeMillis();
        if (wait <= 0) {
            flush();
        } else {
            flushScheduled = true;
            vertx.setTimer(wait, ignored -> flush());
        }
    }

    /**
     * The coalescing window, widened with the audience so that the messages written per second stay within
     * {@code presence.fan-out-budget}: 10 ms for up to 1,000 clients, 50 ms for 5,000 (with the defaults).
     */
    synchronized long windowMillis() {
        long forBudget = (long) viewers.size() * 1000 / config.fanOutBudget();
        return Math.max(config.coalesceWindow().toMillis(), forBudget);
    }

    synchronized void flush() {
        flushScheduled = false;
        lastFlushMillis = System.currentTimeMillis();
        long changedAt = pendingSinceNanos;
        pendingSinceNanos = 0;
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
        sentPlainJson = null;
        sentMaskedJson = null;
        sentTotal = total;
        Instant now = Instant.now();
        Json.Encoded plain = json.encode(new Delta(visitors(joined, false), left, visitors(updated, false), total, now));
        Json.Encoded masked = config.privacy().maskIps()
                ? json.encode(new Delta(visitors(joined, true), left, visitors(updated, true), total, now))
                : plain;
        fanOut(plain, masked, changedAt);
    }

    /** One task per event loop, which sends to each of its clients from its own thread (no per-client handoff). */
    private void fanOut(Json.Encoded plain, Json.Encoded masked, long changedAt) {
        Map<Context, List<Viewer>> byLoop = new IdentityHashMap<>();
        for (Viewer viewer : viewers.values()) {
            byLoop.computeIfAbsent(viewer.context(), loop -> new ArrayList<>()).add(viewer);
        }
        byLoop.forEach((loop, recipients) -> loop.runOnContext(ignored -> {
            for (Viewer viewer : recipients) {
                viewer.deliver(masksFor(viewer) ? masked : plain);
            }
            if (changedAt != 0) {
                fanOutLatency.record(System.nanoTime() - changedAt, TimeUnit.NANOSECONDS);
            }
        }));
    }

    private String sentJson(boolean mask) {
        if (mask) {
            if (sentMaskedJson == null) {
                sentMaskedJson = json.write(visitors(sent, true));
            }
            return sentMaskedJson;
        }
        if (sentPlainJson == null) {
            sentPlainJson = json.write(visitors(sent, false));
        }
        return sentPlainJson;
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
