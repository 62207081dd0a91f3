package io.trackersuite.events;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An admin ended a session (monitoring-service); every gateway replica refuses that session from then on.
 * Published on {@link EventStreams#SESSION_CONTROL}.
 */
@RegisterForReflection // read and written as JSON by every service, also in the native image
public record SessionTerminatedEvent(int v, String id, Instant time, String sessionId, String username,
        String terminatedBy) implements TrackerEvent {
}
