package io.trackersuite.monitoring.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A session as the admin API shows it. {@code durationSeconds} runs to now while the session is active. */
public record SessionView(String sessionId, String userId, String username, String role, List<String> roles,
        String ip, String userAgent, String browser, String os, String device, Instant loginTime,
        Instant lastActivity, Instant logoutTime, String endReason, boolean active, long durationSeconds) {

    static SessionView of(UserSession s, Instant now) {
        Instant end = s.active ? now : s.logoutTime;
        long duration = s.loginTime == null || end == null ? 0 : Math.max(0, Duration.between(s.loginTime, end).toSeconds());
        List<String> roles = s.roles == null || s.roles.isEmpty() ? List.of() : Arrays.asList(s.roles.split(","));
        return new SessionView(s.sessionId, s.userId, s.username, s.role, roles, s.ip, s.userAgent, s.browser, s.os,
                s.device, s.loginTime, s.lastActivity, s.logoutTime, s.endReason, s.active, duration);
    }
}
