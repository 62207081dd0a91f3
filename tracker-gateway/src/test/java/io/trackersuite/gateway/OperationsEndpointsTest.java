package io.trackersuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.trackersuite.testing.InjectRedisProxy;
import io.trackersuite.testing.OperationsEndpointsContract;
import io.trackersuite.testing.Readiness;
import io.trackersuite.testing.RedisProxyResource;
import io.trackersuite.testing.TcpProxy;

/** The operations endpoints every service has, for admins only at this public entry, and readiness through a Redis outage. */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(SuiteResource.class)
class OperationsEndpointsTest extends OperationsEndpointsContract {

    @InjectRedisProxy
    TcpProxy redis;

    /** The gateway is the public entry: operations data is for admins only. */
    @Override
    protected RequestSpecification operator() {
        return given().header("X-API-Key", SuiteResource.ADMIN_KEY);
    }

    @Test
    void readinessFollowsRedisThroughAnOutage() {
        Readiness.assertRecoversFromOutage(redis, Readiness.REDIS_CHECK);
    }

    @Test
    void metricsAreForAdminsOnlyAndLabelledByRouteGroup() {
        given().redirects().follow(false).accept("text/plain").when().get("/q/metrics")
                .then().statusCode(not(200));
        given().header("X-API-Key", SuiteResource.VIEWER_KEY).accept("text/plain").when().get("/q/metrics")
                .then().statusCode(403);
        given().when().get("/api/instance").then().statusCode(200);
        operator().accept("text/plain").when().get("/q/metrics")
                .then().statusCode(200)
                // requests are labelled by route group and status class, never by raw path (ids, probes)
                .body(containsString("gateway_requests_seconds_count{"))
                .body(not(containsString("uri=\"/api/")));
    }

    @Test
    void openApiIsNotForEveryone() {
        given().redirects().follow(false).queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(not(200));
    }
}
