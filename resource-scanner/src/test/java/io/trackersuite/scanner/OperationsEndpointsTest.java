package io.trackersuite.scanner;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.testing.InjectPostgresProxy;
import io.trackersuite.testing.OperationsEndpointsContract;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.Readiness;
import io.trackersuite.testing.TcpProxy;
import io.trackersuite.testing.aws.AwsStubResource;

/** The operations endpoints every service has, and readiness that follows a real PostgreSQL outage. */
@QuarkusTest
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(AwsStubResource.class)
@WithTestResource(Accounts.ApiKeysResource.class)
class OperationsEndpointsTest extends OperationsEndpointsContract {

    @InjectPostgresProxy
    TcpProxy postgres;

    @Test
    void readinessFollowsPostgresThroughAnOutage() {
        Readiness.assertRecoversFromOutage(postgres, Readiness.DATABASE_CHECK);
    }
}
