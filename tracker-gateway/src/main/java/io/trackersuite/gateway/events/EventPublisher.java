package io.trackersuite.gateway.events;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.smallrye.mutiny.Uni;
import io.trackersuite.events.EventStreams;
import io.trackersuite.events.TrackerEvent;

/**
 * Appends LOGIN, ACTIVITY, LOGOUT and TRAFFIC events to {@link EventStreams#EVENTS}, the stream monitoring-service
 * consumes, and tells the other gateway replicas on {@link EventStreams#SESSION_CONTROL} when a login session ended
 * here. Non-blocking: called from the event loop.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    /** Far more than monitoring-service ever lags behind; keeps Redis memory bounded if it is down for long. */
    private static final long STREAM_LENGTH = 1_000_000;
    /** As monitoring-service trims it: replicas read it live, and a starting one reads back a few hours only. */
    private static final long CONTROL_STREAM_LENGTH = 10_000;

    private final ReactiveStreamCommands<String, String, String> streams;
    private final ObjectMapper json;

    public EventPublisher(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.streams = redis.stream(String.class);
        this.json = json;
    }

    /** Publishes without waiting; a failure is logged (the event names, never its content). */
    public void fire(TrackerEvent event) {
        publish(event).subscribe().with(ok -> {
        }, failure -> {
        });
    }

    public Uni<Void> publish(TrackerEvent event) {
        return append(EventStreams.EVENTS, STREAM_LENGTH, event);
    }

    /** For every gateway replica (they all follow {@link EventStreams#SESSION_CONTROL}); without waiting. */
    public void tellReplicas(TrackerEvent event) {
        append(EventStreams.SESSION_CONTROL, CONTROL_STREAM_LENGTH, event).subscribe().with(ok -> {
        }, failure -> {
        });
    }

    private Uni<Void> append(String stream, long maxLength, TrackerEvent event) {
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot write " + event.getClass().getSimpleName(), e));
        }
        return streams.xadd(stream, new XAddArgs().maxlen(maxLength).nearlyExactTrimming(),
                Map.of(EventStreams.FIELD, body))
                .onFailure().invoke(e -> LOG.warnf("could not publish %s event %s: %s",
                        event.getClass().getSimpleName(), event.id(), e.getMessage()))
                .replaceWithVoid();
    }
}
