package io.trackersuite.events;

import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A user completed a real login (OIDC authorization-code flow at the gateway). Opens one audited session.
 *
 * @param sessionId the gateway's login session id: the key of the session from LOGIN to LOGOUT
 * @param userId the provider's subject
 * @param roles every role from the token, suite roles (admin, operator, viewer) and the application's own
 *        (e.g. teacher, student)
 */
@RegisterForReflection // read and written as JSON by every service, also in the native image
public record LoginEvent(int v, String id, Instant time, String sessionId, String userId, String username,
        List<String> roles, String ip, String userAgent) implements TrackerEvent {
}
