package io.trackersuite.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;

/**
 * Progressive rate limiting: within budget a request passes; just over it, it waits for the next token (up to
 * {@code max-delay}); further over, 429 with the seconds until a token is free. Keys: {@code plan:ip:<ip>} or
 * {@code plan:key:<api key id>}.
 */
@ApplicationScoped
public class RateLimiter {

    /** The verdict for one request. */
    public record Decision(boolean allowed, long delayedMillis, long retryAfterSeconds) {
    }

    private static final int MAX_CACHED_PROXIES = 100_000;

    private final RateLimitConfig config;
    private final Map<String, AsyncBucketProxy> proxies = new ConcurrentHashMap<>();
    private final RedisBucketStore buckets;
    private final long maxDelayNanos;
    // Bucket4j's scheduling API completes a delayed consumption on this executor; handlers hop back to Vert.x.
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rate-limit-delays");
        thread.setDaemon(true);
        return thread;
    });

    public RateLimiter(RateLimitConfig config, ReactiveRedisDataSource redis) {
        this.config = config;
        this.buckets = new RedisBucketStore(redis, config.redisTimeout());
        this.maxDelayNanos = config.maxDelay().toNanos();
    }

    /**
     * @param apiKeyId the caller's API key id, or null to count by IP
     * @return the decision; fails when Redis cannot be reached in time (the caller picks fail-open or fail-closed)
     */
    public CompletionStage<Decision> check(String planName, String ip, String apiKeyId) {
        RateLimitConfig.Plan plan = config.plans().get(planName);
        if (plan == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no rate-limit plan '" + planName + "'"));
        }
        boolean byKey = apiKeyId != null && plan.apiKeyRequests().isPresent();
        long requests = byKey ? plan.apiKeyRequests().get() : plan.requests();
        String key = "gateway:rl:" + planName + (byKey ? ":key:" + apiKeyId : ":ip:" + ip);
        AsyncBucketProxy bucket = proxies.computeIfAbsent(key, k -> {
            BucketConfiguration bucketConfig = BucketConfiguration.builder()
                    .addLimit(limit -> limit.capacity(requests).refillGreedy(requests, plan.per()))
                    .build();
            // batching: concurrent requests for one key share one compare-and-swap instead of racing (and retrying)
            return buckets.asAsync().builder().withOptimization(Optimizations.batching())
                    .build(k, () -> CompletableFuture.completedFuture(bucketConfig));
        });
        if (proxies.size() > MAX_CACHED_PROXIES) {
            proxies.clear(); // only a cache of handles: the budgets themselves are in Redis
        }
        return bucket.tryConsumeAndReturnRemaining(1).thenCompose(probe -> decide(bucket, probe));
    }

    private CompletionStage<Decision> decide(AsyncBucketProxy bucket, ConsumptionProbe probe) {
        if (probe.isConsumed()) {
            return CompletableFuture.completedFuture(new Decision(true, 0, 0));
        }
        long waitNanos = probe.getNanosToWaitForRefill();
        Decision refused = new Decision(false, 0, Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L)));
        if (waitNanos > maxDelayNanos) {
            return CompletableFuture.completedFuture(refused);
        }
        long start = System.nanoTime();
        // reserves the next token and completes once it is due (or false when the wait grew past max-delay)
        return bucket.asScheduler().tryConsume(1, maxDelayNanos, delays)
                .thenApply(consumed -> consumed
                        ? new Decision(true, Duration.ofNanos(System.nanoTime() - start).toMillis(), 0)
                        : refused);
    }

    @PreDestroy
    void shutdown() {
        delays.shutdownNow();
    }
}
