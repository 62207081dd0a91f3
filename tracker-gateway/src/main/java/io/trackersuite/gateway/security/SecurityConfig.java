package io.trackersuite.gateway.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who the gateway believes, how it answers failed sign-ins, and what it tells browsers (API keys: ApiKeysConfig). */
@ConfigMapping(prefix = "gateway.security")
public interface SecurityConfig {

    /** Peers whose X-Forwarded-For is believed (the load balancer): addresses or CIDR blocks. */
    Optional<List<String>> trustedProxies();

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
}
