package io.trackersuite.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.restassured.specification.RequestSpecification;

/**
 * What Kubernetes and Prometheus need from every service: liveness, Prometheus metrics and the API description.
 * Each service's {@code OperationsEndpointsTest} extends it and adds its readiness checks (its Redis, its database)
 * with the test resources that can cut them.
 */
public abstract class OperationsEndpointsContract {

    /** The caller allowed to read operations data: anyone inside the cluster, an admin at the public gateway. */
    protected RequestSpecification operator() {
        return given();
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAreServedInPrometheusFormat() {
        operator().accept("text/plain").when().get("/q/metrics")
                .then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDescribesTheService() {
        operator().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", containsString("3."))
                .body("info.title", containsString("Tracker suite"));
    }
}
