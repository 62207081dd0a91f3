package io.trackersuite.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Token buckets in Redis, shared by every gateway replica. */
@ConfigMapping(prefix = "gateway.rate-limit")
public interface RateLimitConfig {

    /** Plans by name; each route names one ({@code gateway.routing.routes.<route>.rate-limit}). */
    Map<String, Plan> plans();

    /** A request over its budget that would be allowed again within this delay waits instead of failing. */
    @WithDefault("1s")
    Duration maxDelay();

    /** How long a bucket check may take before Redis is treated as unreachable. */
    @WithDefault("250ms")
    Duration redisTimeout();

    interface Plan {
        /** Requests per client IP in each {@link #per()} period (refilled gradually; also the burst size). */
        long requests();

        Duration per();

        /** Requests per API key in each period; API-key callers are counted by key, not by IP. */
        Optional<Long> apiKeyRequests();
    }
}
