package io.trackersuite.monitoring.sessions;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;

/**
 * Tells every monitoring-service replica that the login sessions changed (events applied, expiry, termination),
 * through Redis pub/sub, so each can push new figures to its live dashboards.
 */
@ApplicationScoped
public class SessionChanges {

    private static final Logger LOG = Logger.getLogger(SessionChanges.class);
    static final String CHANNEL = "tracker:monitoring:sessions-changed";

    private final PubSubCommands<String> pubsub;
    private final List<Runnable> localListeners = new CopyOnWriteArrayList<>();

    public SessionChanges(RedisDataSource redis) {
        this.pubsub = redis.pubsub(String.class);
    }

    public void changed() {
        // this replica hears it directly, so its own dashboards stay live even while Redis pub/sub is away
        localListeners.forEach(Runnable::run);
        try {
            pubsub.publish(CHANNEL, "changed");
        } catch (RuntimeException e) {
            // the data is committed; only the live push is late, and readiness already reports Redis
            LOG.debugf("could not announce a session change: %s", e.getMessage());
        }
    }

    /** Listens to this replica's changes only. */
    void onChange(Runnable listener) {
        localListeners.add(listener);
    }

    /** Listens to changes from every replica; a change may be heard twice (locally and through Redis). */
    PubSubCommands.RedisSubscriber subscribe(Runnable listener) {
        localListeners.add(listener);
        return pubsub.subscribe(CHANNEL, message -> listener.run());
    }
}
