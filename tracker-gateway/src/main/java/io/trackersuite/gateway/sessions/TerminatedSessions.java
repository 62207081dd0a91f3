package io.trackersuite.gateway.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.trackersuite.events.EventStreams;
import io.trackersuite.events.SessionTerminatedEvent;
import io.trackersuite.events.TrackerEvent;

/**
 * Sessions an admin terminated in monitoring-service. Every replica follows {@link EventStreams#SESSION_CONTROL}
 * (a plain XREAD: each replica must see every event) on one background thread and keeps the ids in memory, so the
 * check on each request costs no Redis call. A starting replica first reads back {@code max-age} of history.
 */
@RegisterForReflection(targets = SessionTerminatedEvent.class)
@ApplicationScoped
public class TerminatedSessions {

    private static final Logger LOG = Logger.getLogger(TerminatedSessions.class);
    private static final Duration BLOCK = Duration.ofSeconds(2);

    private final StreamCommands<String, String, String> streams;
    private final ObjectMapper json;
    private final Duration maxAge;
    private final Map<String, Instant> terminated = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread follower;

    public TerminatedSessions(RedisDataSource redis, ObjectMapper json, LoginSessionConfig config) {
        this.streams = redis.stream(String.class);
        this.json = json;
        this.maxAge = config.maxAge();
    }

    public boolean isTerminated(String sessionId) {
        return terminated.containsKey(sessionId);
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
                    lastId = message.id();
                    apply(message.payload().get(EventStreams.FIELD));
                }
                forgetOlderThan(Instant.now().minus(maxAge));
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
        try {
            if (json.readValue(body, TrackerEvent.class) instanceof SessionTerminatedEvent t && t.sessionId() != null) {
                terminated.put(t.sessionId(), t.time() == null ? Instant.now() : t.time());
                LOG.infof("session %s terminated by %s: refused from now on", t.sessionId(), t.terminatedBy());
            }
        } catch (Exception e) {
            LOG.warnf("ignoring an unreadable entry on %s: %s", EventStreams.SESSION_CONTROL, e.getMessage());
        }
    }

    private void forgetOlderThan(Instant limit) {
        terminated.values().removeIf(time -> time.isBefore(limit));
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
