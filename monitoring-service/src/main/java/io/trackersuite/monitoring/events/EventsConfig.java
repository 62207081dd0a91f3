package io.trackersuite.monitoring.events;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Intake of the Redis Stream of events (LOGIN, ACTIVITY, LOGOUT, VISIT, TRAFFIC). */
@ConfigMapping(prefix = "monitoring.events")
public interface EventsConfig {

    /** Reads the stream at all; off for a replica that only serves the API. */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("monitoring-service")
    String group();

    /** This replica's consumer name in the group; the host (pod) name when not set. */
    Optional<String> consumer();

    /** Entries read and applied in one database transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long one read waits for new entries. */
    @WithDefault("1s")
    Duration block();

    /** Entries delivered to a consumer that has not acknowledged them for this long are taken over (a dead replica). */
    @WithDefault("60s")
    Duration claimIdle();

    /** Wait after a failed batch (PostgreSQL or Redis away) before trying again; doubles up to ten times this. */
    @WithDefault("500ms")
    Duration retryBackoff();

    /** How often the consumer group's backlog is read from Redis; read by ConsumerBacklog's @Scheduled. */
    Duration backlogCheckEvery();

    /** An event stamped further in the future than this is refused (dead-lettered) as a wrong clock. */
    @WithDefault("2m")
    Duration maxClockSkew();

    /** The dead-letter stream keeps about this many entries. */
    @WithDefault("100000")
    long deadLetterMaxLength();
}
