package io.trackersuite.monitoring.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The active-user counts per window, computed in PostgreSQL at most once per {@code figures-max-age} and again
 * after every session change, in the background: a dashboard request never waits for the aggregation over the
 * active sessions (which grows with them), only the first request for a window or one after a long idle does.
 */
@ApplicationScoped
public class ActiveUserFigures {

    /** Counts and when they were computed. */
    public record Snapshot(ActiveUsers.Figures figures, Instant asOf, boolean stale) {
    }

    private static final Logger LOG = Logger.getLogger(ActiveUserFigures.class);

    private final SessionRepository sessions;
    private final Duration maxAge;
    private final Map<Integer, Snapshot> byWindow = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> refreshing = new ConcurrentHashMap<>();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "active-user-figures");
        thread.setDaemon(true);
        return thread;
    });

    public ActiveUserFigures(SessionRepository sessions, SessionsConfig config, SessionChanges changes) {
        this.sessions = sessions;
        this.maxAge = config.figuresMaxAge();
        changes.onChange(this::markStale);
    }

    public Snapshot figures(int windowMinutes) {
        Snapshot cached = byWindow.get(windowMinutes);
        Instant now = Instant.now();
        if (cached == null || maxAge.isZero() || cached.asOf().plus(maxAge.multipliedBy(10)).isBefore(now)) {
            return compute(windowMinutes);
        }
        if (cached.stale() || cached.asOf().plus(maxAge).isBefore(now)) {
            refreshInBackground(windowMinutes);
        }
        return cached;
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }

    private Snapshot compute(int windowMinutes) {
        Instant asOf = Instant.now();
        ActiveUsers.Figures figures = QuarkusTransaction.joiningExisting().call(() -> sessions.activeFigures(windowMinutes));
        Snapshot snapshot = new Snapshot(figures, asOf, false);
        byWindow.put(windowMinutes, snapshot);
        return snapshot;
    }

    private void refreshInBackground(int windowMinutes) {
        if (refreshing.putIfAbsent(windowMinutes, Boolean.TRUE) == null) {
            refresher.execute(() -> {
                try {
                    compute(windowMinutes);
                } catch (RuntimeException e) {
                    LOG.warnf("active-user figures not refreshed: %s", e.getMessage());
                } finally {
                    refreshing.remove(windowMinutes);
                }
            });
        }
    }

    private void markStale() {
        byWindow.replaceAll((window, snapshot) -> new Snapshot(snapshot.figures(), snapshot.asOf(), true));
    }
}
