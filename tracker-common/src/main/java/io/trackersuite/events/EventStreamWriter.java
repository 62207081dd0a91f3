package io.trackersuite.events;

import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.smallrye.mutiny.Uni;

/**
 * How every service appends to the streams between the services: the event as JSON in {@link EventStreams#FIELD},
 * beside it the trace context of the work that produced it ({@link EventTraceContext}), and the stream trimmed to about its maximum length ({@link EventStreams#maxLength}; nearly-exact trimming, which
 * Redis does in whole nodes, cheaply), so a consumer that is down for long never fills Redis. {@code append} does not
 * block (the gateway's event loops); {@code appendAndWait} is for worker threads and, like Quarkus's blocking Redis
 * client, gives up after {@code quarkus.redis.timeout}.
 */
public final class EventStreamWriter {

    private final ReactiveStreamCommands<String, String, String> streams;
    private final ObjectMapper json;
    private final Duration blockingTimeout;

    public EventStreamWriter(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.streams = redis.stream(String.class);
        this.json = json;
        // Quarkus's own default for the setting when a service does not set it
        this.blockingTimeout = ConfigProvider.getConfig().getOptionalValue("quarkus.redis.timeout", Duration.class)
                .orElse(Duration.ofSeconds(10));
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
        return append(stream, EventStreams.maxLength(stream),
                EventTraceContext.withCurrentTrace(Map.of(EventStreams.FIELD, body)));
    }

    /** An entry of other fields (a dead letter keeps the raw event beside the reason). */
    public Uni<String> append(String stream, long maxLength, Map<String, String> fields) {
        return streams.xadd(stream, new XAddArgs().maxlen(maxLength).nearlyExactTrimming(), fields);
    }

    /** {@link #append(String, TrackerEvent)}, waiting at most the Redis timeout. */
    public String appendAndWait(String stream, TrackerEvent event) {
        return append(stream, event).await().atMost(blockingTimeout);
    }

    /** {@link #append(String, long, Map)}, waiting at most the Redis timeout. */
    public String appendAndWait(String stream, long maxLength, Map<String, String> fields) {
        return append(stream, maxLength, fields).await().atMost(blockingTimeout);
    }
}
