package io.trackersuite.gateway.ratelimit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;

/**
 * Progressive rate limiting: within budget a request passes; just over it, it waits for the next token (up to
 * {@code max-delay}); further over, 429 with the seconds until a token is free. Keys: {@code plan:ip:<ip>} or
 * {@code plan:key:<api key id>}.
 * <p>
 * Each replica keeps a copy of a bucket's state and accepts up to {@code local-share} of the plan's budget from it,
 * then (or after {@code sync-interval}) reports what it accepted to Redis and takes a fresh copy (Bucket4j's delaying
 * optimisation). A hot client therefore costs one Redis round trip per batch, and the replicas together can accept
 * at most replicas x batch above the budget. Plans too small for a batch of one are checked in Redis every time.
 */
@Singleton
public class RateLimiter {

    /** The verdict for one request. */
    public record Decision(boolean allowed, long delayedMillis, long retryAfterSeconds) {
        static final Decision ALLOWED = new Decision(true, 0, 0);
    }

    private static final int MAX_CACHED_PROXIES = 100_000;

    /** A plan's budget, copied out of the configuration once, so a request reads plain fields. */
    private record Budget(long requests, Duration per, Optional<Long> apiKeyRequests) {
    }

    private final RateLimitConfig config;
    private final Map<String, Budget> plans = new HashMap<>();
    private final Map<String, AsyncBucketProxy> proxies = new ConcurrentHashMap<>();
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    private final RedisBucketStore buckets;
    private final long maxDelayNanos;
    // Bucket4j's scheduling API completes a delayed consumption on this executor; handlers hop back to Vert.x.
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rate-limit-delays");
        thread.setDaemon(true);
        return thread;
    });

    public RateLimiter(RateLimitConfig config, ReactiveRedisDataSource redis, MeterRegistry metrics) {
        if (config.localShare() < 0 || config.localShare() > 0.5) {
            throw new IllegalArgumentException("gateway.rate-limit.local-share must be between 0 and 0.5, not "
                    + config.localShare());
        }
        this.config = config;
        config.plans().forEach((name, plan) -> plans.put(name,
                new Budget(plan.requests(), plan.per(), plan.apiKeyRequests())));
        this.buckets = new RedisBucketStore(redis, config.redisTimeout());
        this.maxDelayNanos = config.maxDelay().toNanos();
        // registered up front, so a dashboard and an alert see 0 rather than no series before the first refusal
        config.plans().keySet().forEach(plan -> refused.put(plan, Counter.builder("gateway.rate.limited")
                .description("Requests refused with 429 by a rate-limit plan").tag("plan", plan).register(metrics)));
    }

    /**
     * @param apiKeyId the caller's API key id, or null to count by IP
     * @return the decision; fails when Redis cannot be reached in time (the caller picks fail-open or fail-closed)
     */
    public CompletionStage<Decision> check(String planName, String ip, String apiKeyId) {
        Budget plan = plans.get(planName);
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
            return buckets.asAsync().builder().withOptimization(optimization(requests))
                    .build(k, () -> CompletableFuture.completedFuture(bucketConfig));
        });
        if (proxies.size() > MAX_CACHED_PROXIES) {
            proxies.clear(); // only a cache of handles: the budgets themselves are in Redis
        }
        return bucket.tryConsumeAndReturnRemaining(1).thenCompose(probe -> decide(bucket, probe, refused.get(planName)));
    }

    /** How many requests of a budget one replica may accept before it reports to Redis. */
    public long localBatch(long budget) {
        return (long) Math.floor(budget * config.localShare());
    }

    private Optimization optimization(long budget) {
        long batch = localBatch(budget);
        if (batch == 0) {
            // every request in Redis; concurrent ones for a key share one compare-and-swap instead of racing
            return Optimizations.batching();
        }
        return Optimizations.delaying(new DelayParameters(batch, config.syncInterval()));
    }

    /** @param refusals the plan's 429 counter, counted here where a refusal is decided */
    private CompletionStage<Decision> decide(AsyncBucketProxy bucket, ConsumptionProbe probe, Counter refusals) {
        if (probe.isConsumed()) {
            return CompletableFuture.completedFuture(Decision.ALLOWED);
        }
        long waitNanos = probe.getNanosToWaitForRefill();
        Decision refusal = new Decision(false, 0, Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L)));
        if (waitNanos > maxDelayNanos) {
            refusals.increment();
            return CompletableFuture.completedFuture(refusal);
        }
        long start = System.nanoTime();
        // reserves the next token and completes once it is due (or false when the wait grew past max-delay)
        return bucket.asScheduler().tryConsume(1, maxDelayNanos, delays).thenApply(consumed -> {
            if (!consumed) {
                refusals.increment();
                return refusal;
            }
            return new Decision(true, Duration.ofNanos(System.nanoTime() - start).toMillis(), 0);
        });
    }

    @PreDestroy
    void shutdown() {
        delays.shutdownNow();
    }
}
