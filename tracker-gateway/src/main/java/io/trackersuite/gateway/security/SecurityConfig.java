package io.trackersuite.gateway.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who the gateway believes, which keys it accepts, and what it tells browsers. */
@ConfigMapping(prefix = "gateway.security")
public interface SecurityConfig {

    /** Peers whose X-Forwarded-For is believed (the load balancer): addresses or CIDR blocks. */
    Optional<List<String>> trustedProxies();

    /**
     * API keys by key id. A key is {@code tsk_<id>_<secret>}; only its SHA-256 is configured, so the configuration
     * (a Kubernetes Secret) never holds a usable key. Generate one with {@code deploy/local/api-key.sh}.
     */
    Map<String, ApiKey> apiKeys();

    /** Origins allowed to send state-changing browser requests with the session cookie (besides our own). */
    Optional<List<String>> trustedOrigins();

    /** Failed authentications before a lock-out, per client IP and per API key id. */
    @WithDefault("10")
    int maxFailedAttempts();

    /** Window in which failed attempts are counted. */
    @WithDefault("15m")
    Duration failedAttemptsWindow();

    /** First lock-out; each further lock-out in the window doubles it, up to {@link #maxLockout()}. */
    @WithDefault("1m")
    Duration lockout();

    @WithDefault("1h")
    Duration maxLockout();

    interface ApiKey {
        /** Lower-case hex SHA-256 of the whole key. */
        String sha256();

        /** The one role the key carries: viewer, operator or admin. */
        String role();
    }
}
