package io.trackersuite.monitoring.sessions;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Login sessions: which roles count, when a session expires, what "active" means by default. */
@ConfigMapping(prefix = "monitoring.sessions")
public interface SessionsConfig {

    /**
     * The roles the audit knows, in priority order: a user's primary role (the one the breakdown counts) is the
     * first of these in their token. Roles not listed are dropped; a login with none of them is refused.
     */
    @WithDefault("admin,operator,teacher,student,viewer")
    List<String> roles();

    /** A session without activity for this long is ended with reason EXPIRED. */
    @WithDefault("30m")
    Duration inactivityTimeout();

    /** How often the expiry job runs ({@code off} to disable it on a replica); read by its @Scheduled. */
    String expiryCheckEvery();

    /** The window of {@code GET /api/sessions/active} when the request names none. */
    @WithDefault("5")
    int activeWindowMinutes();

    /**
     * The active-user counts served by {@code GET /api/sessions/active} are at most this old (and recomputed in the
     * background after every session change); 0 computes them on every request.
     */
    @WithDefault("1s")
    Duration figuresMaxAge();

    /**
     * How often the live feed recomputes its figures without a session change: users leave the active window by
     * the passing of time alone, with no event to announce it. A push still happens only when a figure changed.
     */
    @WithDefault("30s")
    Duration feedRecheckEvery();
}
