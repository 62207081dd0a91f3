package io.trackersuite.events;

import java.time.Instant;

/** The user logged out; ends the session with reason LOGOUT. */
public record LogoutEvent(int v, String id, Instant time, String sessionId) implements TrackerEvent {
}
