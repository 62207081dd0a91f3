package io.trackersuite.monitoring.sessions;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Who is logged in and active within the window: distinct users (from login sessions, never from request counts),
 * their breakdown by primary role, and the most recently active sessions (at most {@code limit}; the counts are
 * always exact). {@code figuresAsOf} says when the counts were computed (at most
 * {@code monitoring.sessions.figures-max-age} before, and recomputed on every session change).
 */
public record ActiveUsers(int windowMinutes, long activeUsers, long activeSessions, Map<String, Long> byRole,
        Map<String, List<String>> usersByRole, Instant figuresAsOf, List<SessionView> sessions, Instant generatedAt) {

    static ActiveUsers of(ActiveUserFigures.Snapshot figures, List<SessionView> sessions) {
        ActiveUsers.Figures f = figures.figures();
        return new ActiveUsers(f.windowMinutes(), f.activeUsers(), f.activeSessions(), f.byRole(), f.usersByRole(), figures.asOf(),
                sessions, Instant.now());
    }

    /**
     * The figures alone, as the live feed pushes them: {@code byRole} counts every known role (0 included),
     * {@code usersByRole} names who (at most 100 per role, by name).
     */
    public record Figures(int windowMinutes, long activeUsers, long activeSessions, Map<String, Long> byRole,
            Map<String, List<String>> usersByRole) {
    }
}
