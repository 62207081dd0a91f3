package io.trackersuite.events;

import java.time.Instant;

/** An authenticated request in a session; producers throttle it (at most one per session per 30 s by default). */
public record ActivityEvent(int v, String id, Instant time, String sessionId) implements TrackerEvent {
}
