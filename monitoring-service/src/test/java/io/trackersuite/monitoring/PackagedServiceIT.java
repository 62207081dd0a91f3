package io.trackersuite.monitoring;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.testing.OperationsEndpointsContract;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.RedisProxyResource;

/**
 * The packaged service (the JVM jar here, the native executable in the pipeline's native build) starts against the
 * real Redis and PostgreSQL and serves what Kubernetes and Prometheus need.
 */
@QuarkusIntegrationTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class PackagedServiceIT extends OperationsEndpointsContract {
}
