package io.trackersuite.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Token buckets in Redis, shared by every gateway replica. A replica may accept a small share of a plan's budget on its
 * own before it reports to Redis, so busy clients cost a Redis round trip per batch instead of per request.
 */
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

    /**
     * The share of each plan's budget a replica may accept between two reports to Redis (rounded down: a plan of 10
     * requests is always checked in Redis). Above the budget, at most replicas x this share can pass per period.
     */
    @WithDefault("0.02")
    double localShare();

    /** The longest a replica goes without reporting to Redis, however few requests it accepted. */
    @WithDefault("1s")
    Duration syncInterval();

    interface Plan {
        /** Requests per client IP in each {@link #per()} period (refilled gradually; also the burst size). */
        long requests();

        Duration per();

        /** Requests per API key in each period; API-key callers are counted by key, not by IP. */
        Optional<Long> apiKeyRequests();
    }
}
