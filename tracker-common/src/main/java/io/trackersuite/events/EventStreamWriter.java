package io.trackersuite.events;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.smallrye.mutiny.Uni;

/**
 * How every service appends to the streams between the services: the event as JSON in {@link EventStreams#FIELD},
 * and the stream trimmed to about its maximum length ({@link EventStreams#maxLength}; nearly-exact trimming, which
 * Redis does in whole nodes, cheaply), so a consumer that is down for long never fills Redis. Non-blocking; a caller
 * on a worker thread awaits the result.
 */
public final class EventStreamWriter {

    private final ReactiveStreamCommands<String, String, String> streams;
    private final ObjectMapper json;

    public EventStreamWriter(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.streams = redis.stream(String.class);
        this.json = json;
    }

    /** @return the entry id; fails when the event cannot be written as JSON or Redis refuses it */
    public Uni<String> append(String stream, TrackerEvent event) {
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(
                    new IllegalStateException("cannot write " + event.getClass().getSimpleName() + " as JSON", e));
        }
        return append(stream, EventStreams.maxLength(stream), Map.of(EventStreams.FIELD, body));
    }

    /** An entry of other fields (a dead letter keeps the raw event beside the reason). */
    public Uni<String> append(String stream, long maxLength, Map<String, String> fields) {
        return streams.xadd(stream, new XAddArgs().maxlen(maxLength).nearlyExactTrimming(), fields);
    }
}
