package io.trackersuite.scanner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

import io.trackersuite.testing.aws.AwsStubResource;
import io.trackersuite.testing.InjectPostgresProxy;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.Readiness;
import io.trackersuite.testing.TcpProxy;

/** The endpoints Kubernetes and Prometheus use: health (with real PostgreSQL), metrics and the API description. */
@QuarkusTest
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(AwsStubResource.class)
@WithTestResource(Accounts.ApiKeysResource.class)
class OperationsEndpointsTest {

    @InjectPostgresProxy
    TcpProxy postgres;

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessFollowsPostgresThroughAnOutage() {
        Readiness.assertRecoversFromOutage(postgres, Readiness.DATABASE_CHECK);
    }

    @Test
    void metricsAreServedInPrometheusFormat() {
        given().accept("text/plain").when().get("/q/metrics")
                .then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDescribesTheService() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", containsString("3."))
                .body("info.title", containsString("Tracker suite"));
    }
}
