package io.trackersuite.monitoring;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.testing.InjectPostgresProxy;
import io.trackersuite.testing.InjectRedisProxy;
import io.trackersuite.testing.OperationsEndpointsContract;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.Readiness;
import io.trackersuite.testing.RedisProxyResource;
import io.trackersuite.testing.TcpProxy;

/** The operations endpoints every service has, and readiness that follows real Redis and PostgreSQL outages. */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class OperationsEndpointsTest extends OperationsEndpointsContract {

    @InjectRedisProxy
    TcpProxy redis;

    @InjectPostgresProxy
    TcpProxy postgres;

    @Test
    void readinessFollowsRedisThroughAnOutage() {
        Readiness.assertRecoversFromOutage(redis, Readiness.REDIS_CHECK);
    }

    @Test
    void readinessFollowsPostgresThroughAnOutage() {
        Readiness.assertRecoversFromOutage(postgres, Readiness.DATABASE_CHECK);
    }
}
