package io.trackersuite.session.presence;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/** The periodic work of presence: the heartbeat sweeper and the reconciliation with Redis. */
@ApplicationScoped
public class PresenceMaintenance {

    private final PresenceConfig config;
    private final PresenceConnections connections;
    private final PresenceSync sync;
    private volatile long lastResyncMillis;

    public PresenceMaintenance(PresenceConfig config, PresenceConnections connections, PresenceSync sync) {
        this.config = config;
        this.connections = connections;
        this.sync = sync;
    }

    @Scheduled(every = "${presence.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        long cutoff = System.currentTimeMillis() - config.heartbeatTimeout().toMillis();
        connections.closeSilent(cutoff);
        sync.sweep(cutoff);
    }

    /** Every second when a resync is owed (Redis came back, pub/sub re-subscribed), else every resync interval. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resync() {
        long now = System.currentTimeMillis();
        if (sync.resyncNeeded() || now - lastResyncMillis >= config.resyncInterval().toMillis()) {
            lastResyncMillis = now;
            sync.resync(connections::locals);
        }
    }
}
