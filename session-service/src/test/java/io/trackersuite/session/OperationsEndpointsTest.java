package io.trackersuite.session;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.testing.InjectRedisProxy;
import io.trackersuite.testing.OperationsEndpointsContract;
import io.trackersuite.testing.Readiness;
import io.trackersuite.testing.RedisProxyResource;
import io.trackersuite.testing.TcpProxy;

/** The operations endpoints every service has, and readiness that follows a real Redis outage. */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class OperationsEndpointsTest extends OperationsEndpointsContract {

    @InjectRedisProxy
    TcpProxy redis;

    @Test
    void readinessFollowsRedisThroughAnOutage() {
        Readiness.assertRecoversFromOutage(redis, Readiness.REDIS_CHECK);
    }
}
