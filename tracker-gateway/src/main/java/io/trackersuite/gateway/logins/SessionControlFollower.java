package io.trackersuite.gateway.logins;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XReadArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trackersuite.events.EventStreams;
import io.trackersuite.events.LogoutEvent;
import io.trackersuite.events.SessionTerminatedEvent;
import io.trackersuite.events.TrackerEvent;

/**
 * Carries out the ends of login sessions on every replica. Each follows {@link EventStreams#SESSION_CONTROL} (a
 * plain XREAD) on one background thread: a termination an admin ordered in monitoring-service (the first replica to
 * end the session's record also ends the provider's session, the others find it ended), and a sign-out on any
 * replica; either way every replica cuts the session's requests still open on it (SSE feeds, WebSockets). A
 * starting replica reads back {@code max-age} of history, in case no replica was running when an order came.
 */
@ApplicationScoped
public class SessionControlFollower {

    private static final Logger LOG = Logger.getLogger(SessionControlFollower.class);
    private static final Duration BLOCK = Duration.ofSeconds(2);

    private final StreamCommands<String, String, String> streams;
    private final ObjectMapper json;
    private final Duration maxAge;
    private final LoginSessions loginSessions;
    private final LiveRequests live;
    private volatile boolean running;
    private Thread follower;

    public SessionControlFollower(RedisDataSource redis, ObjectMapper json, LoginSessionConfig config,
            LoginSessions loginSessions, LiveRequests live) {
        this.streams = redis.stream(String.class);
        this.json = json;
        this.maxAge = config.maxAge();
        this.loginSessions = loginSessions;
        this.live = live;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        follower = new Thread(this::follow, "session-control-follower");
        follower.setDaemon(true);
        follower.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (follower != null) {
            follower.interrupt();
        }
    }

    private void follow() {
        String lastId = (System.currentTimeMillis() - maxAge.toMillis()) + "-0";
        while (running) {
            try {
                List<StreamMessage<String, String, String>> messages = streams.xread(EventStreams.SESSION_CONTROL, lastId,
                        new XReadArgs().block(BLOCK).count(500));
                for (StreamMessage<String, String, String> message : messages) {
                    apply(message.payload().get(EventStreams.FIELD));
                    lastId = message.id();
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("cannot read %s (%s); retrying in 1 s", EventStreams.SESSION_CONTROL, e.getMessage());
                sleepQuietly();
            }
        }
    }

    private void apply(String body) {
        TrackerEvent event;
        try {
            event = json.readValue(body, TrackerEvent.class);
        } catch (java.io.IOException e) {
            LOG.warnf("ignoring an unreadable entry on %s: %s", EventStreams.SESSION_CONTROL, e.getMessage());
            return;
        }
        if (event instanceof SessionTerminatedEvent t && t.sessionId() != null) {
            // a failure (Redis away) propagates: the entry is read again once Redis is back
            loginSessions.terminate(t.sessionId(), t.terminatedBy()).await().atMost(Duration.ofSeconds(30));
            live.closeAll(t.sessionId());
        } else if (event instanceof LogoutEvent logout && logout.sessionId() != null) {
            live.closeAll(logout.sessionId());
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
