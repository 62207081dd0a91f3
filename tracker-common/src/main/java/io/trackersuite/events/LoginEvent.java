package io.trackersuite.events;

import java.time.Instant;
import java.util.List;

/**
 * A user completed a real login (OIDC authorization-code flow at the gateway). Opens one audited session.
 *
 * @param sessionId the gateway's login session id: the key of the session from LOGIN to LOGOUT
 * @param userId the provider's subject
 * @param roles every role from the token, suite roles (admin, operator, viewer) and the application's own
 *        (e.g. teacher, student)
 */
public record LoginEvent(int v, String id, Instant time, String sessionId, String userId, String username,
        List<String> roles, String ip, String userAgent) implements TrackerEvent {
}
