package io.trackersuite.gateway;

import io.quarkus.redis.datasource.RedisDataSource;

/**
 * Failed-attempt counters and lock-outs of the gateway's brute-force protection, shared by every test that runs from
 * this machine's IP: tests that refuse credentials on purpose clear them before and after, so none inherits another's.
 */
final class LockOuts {

    private LockOuts() {
    }

    static void forget(RedisDataSource redis) {
        redis.key().keys("gateway:authfail:*").forEach(redis.key()::del);
        redis.key().keys("gateway:lock*").forEach(redis.key()::del);
    }
}
