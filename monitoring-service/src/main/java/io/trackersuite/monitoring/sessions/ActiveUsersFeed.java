package io.trackersuite.monitoring.sessions;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * The live figures of the admin dashboard. A change announced by any replica ({@link SessionChanges}) makes this
 * replica recompute the figures (at most every 250 ms under a burst), and so does the passing of time
 * ({@code feed-recheck-every}: users leave the active window without any event); they are pushed to the subscribers
 * only when they differ from the last push.
 */
@ApplicationScoped
public class ActiveUsersFeed {

    private static final Logger LOG = Logger.getLogger(ActiveUsersFeed.class);
    private static final long COALESCE_MS = 250;

    private final SessionRepository sessions;
    private final SessionsConfig config;
    private final SessionChanges changes;
    private final BroadcastProcessor<ActiveUsers.Figures> broadcast = BroadcastProcessor.create();
    private final AtomicReference<ActiveUsers.Figures> last = new AtomicReference<>();
    private final AtomicBoolean recomputeScheduled = new AtomicBoolean();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "active-users-feed");
        thread.setDaemon(true);
        return thread;
    });
    private PubSubCommands.RedisSubscriber subscriber;

    public ActiveUsersFeed(SessionRepository sessions, SessionsConfig config, SessionChanges changes) {
        this.sessions = sessions;
        this.config = config;
        this.changes = changes;
    }

    void onStart(@Observes StartupEvent event) {
        long recheckMs = config.feedRecheckEvery().toMillis();
        executor.scheduleWithFixedDelay(this::scheduleRecompute, recheckMs, recheckMs, TimeUnit.MILLISECONDS);
        try {
            subscriber = changes.subscribe(this::scheduleRecompute);
        } catch (RuntimeException e) {
            LOG.warnf("live feed not subscribed to session changes (Redis unreachable): %s", e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.unsubscribe();
        }
        executor.shutdownNow();
        broadcast.onComplete();
    }

    /** The current figures first, then each change. */
    public Multi<ActiveUsers.Figures> stream() {
        return Multi.createBy().concatenating()
                .streams(Multi.createFrom().item(this::current), broadcast)
                .runSubscriptionOn(executor);
    }

    private ActiveUsers.Figures current() {
        return QuarkusTransaction.requiringNew().call(() -> sessions.activeFigures(config.activeWindowMinutes()));
    }

    private void scheduleRecompute() {
        if (recomputeScheduled.compareAndSet(false, true)) {
            executor.schedule(this::recompute, COALESCE_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void recompute() {
        recomputeScheduled.set(false);
        try {
            // "last" is what the subscribers were last pushed; a new subscriber's first figures do not move it, or
            // a change it already saw would never reach the older subscribers
            ActiveUsers.Figures now = current();
            if (!now.equals(last.getAndSet(now))) {
                broadcast.onNext(now);
            }
        } catch (RuntimeException e) {
            LOG.warnf("live figures not recomputed: %s", e.getMessage());
        }
    }
}
