package io.trackersuite.gateway.sessions;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Login sessions as monitoring-service sees them: one per OIDC login, from LOGIN to LOGOUT. */
@ConfigMapping(prefix = "gateway.sessions")
public interface LoginSessionConfig {

    /** At most one ACTIVITY event per session in this interval, across all gateway replicas. */
    @WithDefault("30s")
    Duration activityInterval();

    /** Longest a login session lives; also how far back termination events are read when a replica starts. */
    @WithDefault("12h")
    Duration maxAge();

    /** HMAC key that signs the session-id cookie (at least 32 characters; a Kubernetes Secret in the cluster). */
    String signingKey();

    /** Mark the gateway's cookies Secure (off only for plain-HTTP development and tests). */
    @WithDefault("true")
    boolean secureCookies();
}
