package io.trackersuite.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Puts a {@link TcpProxy} in front of the real Redis that the test set-up started (REDIS_HOST/REDIS_PORT,
 * default localhost:6379) and hands its port to the service as {@code test.redis.port}, which the service's
 * {@code %test} profile uses in {@code quarkus.redis.hosts}.
 */
public class RedisProxyResource implements QuarkusTestResourceLifecycleManager {

    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        proxy = new TcpProxy(env("REDIS_HOST", "localhost"), Integer.parseInt(env("REDIS_PORT", "6379")));
        return Map.of("test.redis.port", String.valueOf(proxy.port()));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(proxy, new TestInjector.AnnotatedAndMatchesType(InjectRedisProxy.class, TcpProxy.class));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    /** An environment variable, or the fallback when unset or blank (how tests find the local infrastructure). */
    public static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
