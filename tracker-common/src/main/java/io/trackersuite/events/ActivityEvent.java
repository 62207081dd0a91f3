package io.trackersuite.events;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An authenticated request in a session; producers throttle it (at most one per session per 30 s by default). */
@RegisterForReflection // read and written as JSON by every service, also in the native image
public record ActivityEvent(int v, String id, Instant time, String sessionId) implements TrackerEvent {
}
