package io.trackersuite.scanner;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.testing.OperationsEndpointsContract;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.aws.AwsStubResource;

/**
 * The packaged service (the JVM jar here, the native executable in the pipeline's native build) starts against the
 * real PostgreSQL and the AWS stub and serves what Kubernetes and Prometheus need.
 */
@QuarkusIntegrationTest
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(AwsStubResource.class)
@WithTestResource(Accounts.ApiKeysResource.class)
class PackagedServiceIT extends OperationsEndpointsContract {
}
