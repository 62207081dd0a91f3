package io.trackersuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.specification.RequestSpecification;
import io.trackersuite.testing.OperationsEndpointsContract;
import io.trackersuite.testing.RedisProxyResource;

/**
 * The packaged gateway (the JVM jar here, the native executable in the pipeline's native build) in front of the
 * packaged services: it serves the tracker page, proxies to session-service, and keeps operations data for admins.
 */
@QuarkusIntegrationTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(SuiteResource.class)
class PackagedGatewayIT extends OperationsEndpointsContract {

    @Override
    protected RequestSpecification operator() {
        return given().header("X-API-Key", SuiteResource.ADMIN_KEY);
    }

    @Test
    void theTrackerPageAndItsFirstCallAreServed() {
        given().accept("text/html").when().get("/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"));
        given().when().get("/api/instance").then().statusCode(200).body("instanceId", notNullValue());
    }

    @Test
    void operationsDataIsForAdminsOnly() {
        given().header("X-API-Key", SuiteResource.VIEWER_KEY).accept("text/plain").when().get("/q/metrics")
                .then().statusCode(403);
    }
}
