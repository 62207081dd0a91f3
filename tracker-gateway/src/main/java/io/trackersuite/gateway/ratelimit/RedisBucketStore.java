package io.trackersuite.gateway.ratelimit;

import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.mutiny.redis.client.Command;

/**
 * Bucket4j's compare-and-swap proxy manager over the Quarkus Redis client: Bucket4j does the token-bucket maths,
 * Redis holds each bucket's state (base64 text) and a Lua script makes the swap atomic across replicas.
 */
class RedisBucketStore extends AbstractCompareAndSwapBasedProxyManager<String> {

    private static final String COMPARE_AND_SWAP = """
            local current = redis.call('get', KEYS[1])
            if (ARGV[1] == '' and not current) or current == ARGV[1] then
              if tonumber(ARGV[3]) > 0 then
                redis.call('set', KEYS[1], ARGV[2], 'px', ARGV[3])
              else
                redis.call('set', KEYS[1], ARGV[2])
              end
              return 1
            end
            return 0""";

    private final ReactiveRedisDataSource redis;
    private final Duration timeout;

    RedisBucketStore(ReactiveRedisDataSource redis, Duration timeout) {
        super(ClientSideConfig.getDefault()
                .withExpirationAfterWriteStrategy(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10))));
        this.redis = redis;
        this.timeout = timeout;
    }

    @Override
    public boolean isExpireAfterWriteSupported() {
        return true; // compareAndSwap sets the key's TTL from the strategy
    }

    @Override
    public boolean isAsyncModeSupported() {
        return true;
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        return new AsyncCompareAndSwapOperation() {
            @Override
            public CompletableFuture<Optional<byte[]>> getStateData(Optional<Long> timeoutNanos) {
                return redis.execute(Command.GET, key)
                        .ifNoItem().after(timeout).fail()
                        .map(response -> response == null ? Optional.<byte[]>empty()
                                : Optional.of(Base64.getDecoder().decode(response.toString())))
                        .subscribeAsCompletionStage();
            }

            @Override
            public CompletableFuture<Boolean> compareAndSwap(byte[] originalData, byte[] newData,
                    RemoteBucketState newState, Optional<Long> timeoutNanos) {
                long ttlMillis = getClientSideConfig().getExpirationAfterWriteStrategy()
                        .map(strategy -> strategy.calculateTimeToLiveMillis(newState, currentTimeNanos()))
                        .orElse(0L);
                return redis.execute(Command.EVAL, COMPARE_AND_SWAP, "1", key,
                        originalData == null ? "" : Base64.getEncoder().encodeToString(originalData),
                        Base64.getEncoder().encodeToString(newData), Long.toString(Math.max(ttlMillis, 0)))
                        .ifNoItem().after(timeout).fail()
                        .map(response -> response.toInteger() == 1)
                        .subscribeAsCompletionStage();
            }
        };
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        // The gateway only ever calls the asynchronous API (handlers run on the event loop).
        throw new UnsupportedOperationException("RedisBucketStore is asynchronous only");
    }

    @Override
    public void removeProxy(String key) {
        throw new UnsupportedOperationException("RedisBucketStore is asynchronous only");
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        return redis.execute(Command.DEL, key).replaceWithVoid().subscribeAsCompletionStage();
    }
}
