package io.trackersuite.monitoring.sessions;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Who is logged in and active within the window: distinct users (from login sessions, never from request counts),
 * their breakdown by primary role, and the most recently active sessions (at most {@code limit}; the counts are
 * always exact).
 */
public record ActiveUsers(int windowMinutes, long activeUsers, long activeSessions, Map<String, Long> byRole,
        List<SessionView> sessions, Instant generatedAt) {

    /** The figures alone, as the live feed pushes them. */
    public record Figures(int windowMinutes, long activeUsers, long activeSessions, Map<String, Long> byRole) {
    }

    public Figures figures() {
        return new Figures(windowMinutes, activeUsers, activeSessions, byRole);
    }
}
