package io.trackersuite.monitoring.traffic;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.scheduler.Scheduled;
import io.trackersuite.monitoring.sessions.SessionsConfig;

/** Records the active-user count once a minute for the dashboard's time series (an upsert: replicas agree). */
@ApplicationScoped
public class ActiveUserSampler {

    private final TrafficRepository traffic;
    private final SessionsConfig sessions;

    public ActiveUserSampler(TrafficRepository traffic, SessionsConfig sessions) {
        this.traffic = traffic;
        this.sessions = sessions;
    }

    @Scheduled(cron = "${monitoring.traffic.sample-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void sample() {
        traffic.sampleActiveUsers(sessions.activeWindowMinutes());
    }
}
