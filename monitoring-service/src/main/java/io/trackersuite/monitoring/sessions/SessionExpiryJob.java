package io.trackersuite.monitoring.sessions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Ends sessions that saw no activity for {@code monitoring.sessions.inactivity-timeout} (reason EXPIRED). */
@ApplicationScoped
public class SessionExpiryJob {

    private static final Logger LOG = Logger.getLogger(SessionExpiryJob.class);

    private final SessionRepository sessions;
    private final SessionsConfig config;
    private final SessionChanges changes;

    public SessionExpiryJob(SessionRepository sessions, SessionsConfig config, SessionChanges changes) {
        this.sessions = sessions;
        this.config = config;
        this.changes = changes;
    }

    @Scheduled(every = "${monitoring.sessions.expiry-check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        expireIdleSessions();
    }

    /** Returns how many sessions it ended. */
    @Transactional
    public int expireIdleSessions() {
        int expired = sessions.expireIdle(config.inactivityTimeout());
        if (expired > 0) {
            LOG.infof("expired %d idle session(s)", expired);
            changes.changed();
        }
        return expired;
    }
}
