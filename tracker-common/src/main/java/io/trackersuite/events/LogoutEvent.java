package io.trackersuite.events;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The user logged out; ends the session with reason LOGOUT. */
@RegisterForReflection // read and written as JSON by every service, also in the native image
public record LogoutEvent(int v, String id, Instant time, String sessionId) implements TrackerEvent {
}
