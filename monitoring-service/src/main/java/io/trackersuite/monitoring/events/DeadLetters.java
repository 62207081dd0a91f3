package io.trackersuite.monitoring.events;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.Startup;
import io.trackersuite.events.EventStreamWriter;
import io.trackersuite.events.EventStreams;

/**
 * Keeps events that can never be applied on {@link EventStreams#DEAD_LETTER}, with the reason and the original
 * entry id, for a human to look at; they never block the stream behind them.
 */
// created at start, not on the first dead letter: its counter is then exported (as 0) before anything goes wrong
@Startup
@ApplicationScoped
public class DeadLetters {

    private final EventStreamWriter writer;
    private final EventsConfig config;
    private final Counter deadLettered;

    public DeadLetters(ReactiveRedisDataSource redis, ObjectMapper json, EventsConfig config, MeterRegistry registry) {
        this.writer = new EventStreamWriter(redis, json);
        this.config = config;
        this.deadLettered = Counter.builder("monitoring.events.dead.lettered")
                .description("Events refused and moved to the dead-letter stream").register(registry);
    }

    public void add(String entryId, String raw, String reason) {
        writer.appendAndWait(EventStreams.DEAD_LETTER, config.deadLetterMaxLength(),
                Map.of(EventStreams.FIELD, raw == null ? "" : raw,
                        "reason", reason,
                        "sourceId", entryId,
                        "deadLetteredAt", Instant.now().toString()));
        deadLettered.increment();
    }
}
