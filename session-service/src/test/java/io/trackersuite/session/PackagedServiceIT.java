package io.trackersuite.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.testing.OperationsEndpointsContract;
import io.trackersuite.testing.RedisProxyResource;

/**
 * The packaged service (the JVM jar here, the native executable in the pipeline's native build) starts against the
 * real Redis, serves what Kubernetes and Prometheus need, and answers the tracker page's first call.
 */
@QuarkusIntegrationTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class PackagedServiceIT extends OperationsEndpointsContract {

    @Test
    void theTrackerPageLearnsWhichInstanceServesIt() {
        given().when().get("/api/instance").then().statusCode(200).body("instanceId", notNullValue());
    }
}
