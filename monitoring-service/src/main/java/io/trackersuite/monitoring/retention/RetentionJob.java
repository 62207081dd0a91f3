package io.trackersuite.monitoring.retention;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.trackersuite.monitoring.sessions.SessionRepository;
import io.trackersuite.monitoring.visits.VisitRepository;

/** Deletes history older than the configured retention, once a day by default. */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    // redeliveries of an event come within minutes; two days of ids is ample for idempotency
    private static final Duration APPLIED_EVENT_IDS = Duration.ofDays(2);

    private final RetentionConfig config;
    private final SessionRepository sessions;
    private final VisitRepository visits;
    private final EntityManager entityManager;

    public RetentionJob(RetentionConfig config, SessionRepository sessions, VisitRepository visits, EntityManager entityManager) {
        this.config = config;
        this.sessions = sessions;
        this.visits = visits;
        this.entityManager = entityManager;
    }

    @Scheduled(cron = "${monitoring.retention.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    public void deleteExpiredHistory() {
        Instant now = Instant.now();
        long endedSessions = sessions.deleteEndedBefore(now.minus(config.sessions()));
        long oldVisits = visits.deleteBefore(now.minus(config.visits()));
        int trafficRows = entityManager.createNativeQuery("delete from traffic_minutes where minute < :cutoff")
                .setParameter("cutoff", now.minus(config.traffic())).executeUpdate();
        entityManager.createNativeQuery("delete from active_user_samples where minute < :cutoff")
                .setParameter("cutoff", now.minus(config.traffic())).executeUpdate();
        entityManager.createNativeQuery("delete from applied_events where applied_at < :cutoff")
                .setParameter("cutoff", now.minus(APPLIED_EVENT_IDS)).executeUpdate();
        LOG.infof("retention: deleted %d ended sessions, %d visits, %d traffic minutes", endedSessions, oldVisits, trafficRows);
    }
}
