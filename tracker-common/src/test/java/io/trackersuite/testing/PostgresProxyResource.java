package io.trackersuite.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Puts a {@link TcpProxy} in front of the real PostgreSQL that the test set-up started (POSTGRES_HOST/POSTGRES_PORT,
 * default localhost:5432) and hands its port to the service as {@code test.postgres.port}, which the service's
 * {@code %test} profile uses in {@code quarkus.datasource.jdbc.url}.
 */
public class PostgresProxyResource implements QuarkusTestResourceLifecycleManager {

    private TcpProxy proxy;

    /** The JDBC URL of a database on the real PostgreSQL, without the proxy (services started as processes). */
    public static String directJdbcUrl(String database) {
        return "jdbc:postgresql://" + RedisProxyResource.env("POSTGRES_HOST", "localhost") + ":"
                + RedisProxyResource.env("POSTGRES_PORT", "5432") + "/" + database;
    }

    @Override
    public Map<String, String> start() {
        proxy = new TcpProxy(RedisProxyResource.env("POSTGRES_HOST", "localhost"),
                Integer.parseInt(RedisProxyResource.env("POSTGRES_PORT", "5432")));
        return Map.of("test.postgres.port", String.valueOf(proxy.port()));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(proxy, new TestInjector.AnnotatedAndMatchesType(InjectPostgresProxy.class, TcpProxy.class));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
