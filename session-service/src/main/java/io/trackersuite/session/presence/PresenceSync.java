package io.trackersuite.session.presence;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.trackersuite.session.api.Json;
import io.trackersuite.session.instance.InstanceIdentity;
import io.vertx.core.Vertx;

/**
 * Keeps this instance and Redis in step. Local changes are written through; changes of other instances arrive on
 * the pub/sub channel. When Redis is unreachable the instance keeps serving its own connections and marks itself
 * degraded; once Redis answers again (and after every pub/sub re-subscription, which may have missed messages) a
 * resynchronisation writes this instance's sessions back and reconciles the view with what Redis holds.
 */
@ApplicationScoped
public class PresenceSync {

    private static final Logger LOG = Logger.getLogger(PresenceSync.class);
    private static final long RESUBSCRIBE_MILLIS = 1_000;

    private final PresenceStore store;
    private final Json json;
    private final PresenceView view;
    private final InstanceIdentity identity;
    private final ReactivePubSubCommands<String> pubsub;
    private final Vertx vertx;

    private volatile boolean redisAvailable = true;
    private volatile boolean subscribed;
    private volatile boolean resyncNeeded = true;
    private volatile String lastFailure;

    public PresenceSync(PresenceStore store, Json json, PresenceView view, InstanceIdentity identity,
            ReactiveRedisDataSource redis, Vertx vertx) {
        this.store = store;
        this.json = json;
        this.view = view;
        this.identity = identity;
        this.pubsub = redis.pubsub(String.class);
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        subscribe();
    }

    /** Writes the new session through (non-blocking); {@code joinStored} completes when that is done either way. */
    void saved(ServedConnection served) {
        store.save(served.session, served.lastHeartbeatMillis, identity.replicaId()).subscribe().with(
                ok -> served.joinStored.complete(null),
                failure -> {
                    degrade(failure);
                    served.joinStored.complete(null);
                });
    }

    void heartbeat(String id, long heartbeatMillis) {
        run(store.heartbeat(id, heartbeatMillis));
    }

    /** Removes the session once its join is written: on another pooled connection the leave could overtake it. */
    void removed(ServedConnection served) {
        served.joinStored.whenComplete((ignored, failure) -> run(store.remove(served.session.id(), identity.replicaId())));
    }

    /** Ends sessions of any instance without a heartbeat since the cutoff. */
    void sweep(long cutoffMillis) {
        guard(() -> store.sweep(cutoffMillis, identity.replicaId()).forEach(view::left));
    }

    boolean resyncNeeded() {
        return resyncNeeded || !redisAvailable;
    }

    /**
     * Writes back the local sessions Redis lacks, removes the ones this instance stored but no longer serves (a leave
     * lost in an outage would otherwise stay listed until the heartbeat sweep), then reconciles the view with Redis.
     * The local connections are listed after the read: a connection is registered before its join is written, so a
     * session of ours that Redis holds and the list lacks has closed.
     */
    void resync(Supplier<Collection<ServedConnection>> localConnections) {
        guard(() -> {
            long readStartedAt = System.currentTimeMillis();
            Map<String, PresenceSession> stored = new HashMap<>(store.readAll());
            Collection<ServedConnection> locals = localConnections.get();
            Set<String> own = locals.stream().map(local -> local.session.id()).collect(Collectors.toSet());
            for (var it = stored.values().iterator(); it.hasNext();) {
                PresenceSession session = it.next();
                if (identity.replicaId().equals(session.replica()) && !own.contains(session.id())) {
                    store.discard(session.id(), identity.replicaId());
                    it.remove();
                }
            }
            for (ServedConnection local : locals) {
                if (local.isOpen() && !stored.containsKey(local.session.id())) {
                    store.restore(local.session, local.lastHeartbeatMillis, identity.replicaId());
                    stored.put(local.session.id(), local.session);
                }
            }
            view.reconcile(stored, readStartedAt, own);
            if (!redisAvailable) {
                LOG.infof("Redis reachable again: presence resynchronised (%d sessions)", stored.size());
            }
            redisAvailable = true;
            resyncNeeded = !subscribed;
        });
    }

    /** Null when Redis and the pub/sub subscription are fine; else what is wrong, for readiness. */
    String degradation() {
        if (!redisAvailable) {
            return "Redis unreachable (" + lastFailure + "): serving local connections only";
        }
        if (!subscribed) {
            return "not subscribed to presence changes of other instances";
        }
        return null;
    }

    void subscribe() {
        pubsub.subscribe(PresenceStore.CHANNEL, this::onChange, this::onSubscriptionEnd, this::onSubscriptionFailure)
                .subscribe().with(
                        ignored -> {
                            subscribed = true;
                            resyncNeeded = true; // changes published while we were not listening are lost
                        },
                        this::onSubscriptionFailure);
    }

    private void onChange(String message) {
        PresenceStore.Change change;
        try {
            change = json.read(message, PresenceStore.Change.class);
        } catch (RuntimeException e) {
            LOG.warnf("unreadable presence change ignored: %s", e.getMessage());
            return;
        }
        if (identity.replicaId().equals(change.origin())) {
            return; // applied locally before it was published
        }
        if (PresenceStore.Change.JOIN.equals(change.op()) && change.session() != null) {
            view.joined(change.session());
        } else if (PresenceStore.Change.LEAVE.equals(change.op()) && change.id() != null) {
            view.left(change.id());
        }
    }

    private void onSubscriptionEnd() {
        onSubscriptionFailure(new IllegalStateException("subscription connection closed"));
    }

    private void onSubscriptionFailure(Throwable failure) {
        if (subscribed) {
            LOG.warnf("presence pub/sub subscription lost: %s; retrying", failure.getMessage());
        }
        subscribed = false;
        resyncNeeded = true;
        vertx.setTimer(RESUBSCRIBE_MILLIS, ignored -> subscribe());
    }

    private void guard(Runnable redisWork) {
        try {
            redisWork.run();
        } catch (RuntimeException e) {
            degrade(e);
        }
    }

    /** Starts a non-blocking write whose failure marks presence degraded (a resync repairs Redis later). */
    private void run(Uni<Void> redisWork) {
        redisWork.subscribe().with(ok -> {
        }, this::degrade);
    }

    private void degrade(Throwable failure) {
        if (redisAvailable) {
            LOG.warnf("Redis unreachable, presence continues locally: %s", failure.getMessage());
        }
        lastFailure = failure.getClass().getSimpleName();
        redisAvailable = false;
        resyncNeeded = true;
    }
}
