package io.trackersuite.events;

import java.time.Instant;

/**
 * An admin ended a session (monitoring-service); every gateway replica refuses that session from then on.
 * Published on {@link EventStreams#SESSION_CONTROL}.
 */
public record SessionTerminatedEvent(int v, String id, Instant time, String sessionId, String username,
        String terminatedBy) implements TrackerEvent {
}
