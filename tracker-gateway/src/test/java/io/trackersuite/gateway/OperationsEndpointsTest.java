package io.trackersuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.trackersuite.testing.InjectRedisProxy;
import io.trackersuite.testing.Readiness;
import io.trackersuite.testing.RedisProxyResource;
import io.trackersuite.testing.TcpProxy;

/** The endpoints Kubernetes and Prometheus use: health (with real Redis), metrics and the API description. */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(SuiteResource.class)
class OperationsEndpointsTest {

    @InjectRedisProxy
    TcpProxy redis;

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessFollowsRedisThroughAnOutage() {
        Readiness.assertRecoversFromOutage(redis, Readiness.REDIS_CHECK);
    }

    @Test
    void metricsAreServedInPrometheusFormatToAdminsOnly() {
        // the gateway is the public entry: operations data is not for everyone
        given().redirects().follow(false).accept("text/plain").when().get("/q/metrics")
                .then().statusCode(not(200));
        given().header("X-API-Key", SuiteResource.VIEWER_KEY).accept("text/plain").when().get("/q/metrics")
                .then().statusCode(403);
        given().when().get("/api/instance").then().statusCode(200);
        given().header("X-API-Key", SuiteResource.ADMIN_KEY).accept("text/plain").when().get("/q/metrics")
                .then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("jvm_memory_used_bytes"))
                // requests are labelled by route group and status class, never by raw path (ids, probes)
                .body(containsString("gateway_requests_seconds_count{"))
                .body(not(containsString("uri=\"/api/")));
    }

    @Test
    void openApiDescribesTheServiceToAdmins() {
        given().redirects().follow(false).queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(not(200));
        given().header("X-API-Key", SuiteResource.ADMIN_KEY).queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", containsString("3."))
                .body("info.title", containsString("Tracker suite"));
    }
}
