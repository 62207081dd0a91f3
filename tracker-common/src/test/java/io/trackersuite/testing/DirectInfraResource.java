package io.trackersuite.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * For benchmarks: the service talks to the real Redis and PostgreSQL directly (REDIS_PORT/POSTGRES_PORT, default
 * 6379/5432), with no proxy in between, so the figures are the service's own. Sets the same keys as the proxy
 * resources, so the service's {@code %test} configuration is unchanged.
 */
public class DirectInfraResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("test.redis.port", RedisProxyResource.env("REDIS_PORT", "6379"),
                "test.postgres.port", RedisProxyResource.env("POSTGRES_PORT", "5432"));
    }

    @Override
    public void stop() {
        // nothing was started
    }
}
