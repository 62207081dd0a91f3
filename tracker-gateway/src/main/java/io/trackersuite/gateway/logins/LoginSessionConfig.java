package io.trackersuite.gateway.logins;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Login sessions: one per real OIDC sign-in, from LOGIN to LOGOUT (or termination, or idle expiry), kept in Redis so
 * that every replica sees the same state.
 */
@ConfigMapping(prefix = "gateway.login-sessions")
public interface LoginSessionConfig {

    /** At most one ACTIVITY event per session in this interval, across all gateway replicas. */
    @WithDefault("30s")
    Duration activityInterval();

    /**
     * A session without a request for this long ends (its record expires). Match the provider's SSO idle timeout
     * (Keycloak's ssoSessionIdleTimeout) and monitoring-service's idle window.
     */
    @WithDefault("30m")
    Duration idleTimeout();

    /** Longest a login session lives, however active; also how far back termination events are read at start. */
    @WithDefault("12h")
    Duration maxAge();

    /**
     * Key (32+ characters, a Kubernetes Secret) that encrypts the tokens kept in Redis: whoever reads Redis does not
     * get usable tokens.
     */
    String key();

    /** Mark the gateway's cookies Secure (off only for plain-HTTP development and tests). */
    @WithDefault("true")
    boolean secureCookies();
}
