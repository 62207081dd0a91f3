package io.trackersuite.gateway.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.trackersuite.events.EventStreamWriter;
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

    private final EventStreamWriter writer;

    public EventPublisher(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.writer = new EventStreamWriter(redis, json);
    }

    /** Publishes without waiting; a failure is logged (the event names, never its content). */
    public void fire(TrackerEvent event) {
        publish(event).subscribe().with(ok -> {
        }, failure -> {
        });
    }

    public Uni<Void> publish(TrackerEvent event) {
        return append(EventStreams.EVENTS, event);
    }

    /** For every gateway replica (they all follow {@link EventStreams#SESSION_CONTROL}); without waiting. */
    public void tellReplicas(TrackerEvent event) {
        append(EventStreams.SESSION_CONTROL, event).subscribe().with(ok -> {
        }, failure -> {
        });
    }

    private Uni<Void> append(String stream, TrackerEvent event) {
        return writer.append(stream, event)
                .onFailure().invoke(e -> LOG.warnf("could not publish %s event %s: %s",
                        event.getClass().getSimpleName(), event.id(), e.getMessage()))
                .replaceWithVoid();
    }
}
