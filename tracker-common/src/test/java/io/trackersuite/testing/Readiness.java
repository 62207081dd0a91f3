package io.trackersuite.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.blankOrNullString;

import java.time.Duration;

/** What an operator (or a Kubernetes readiness probe) sees on {@code /q/health/ready}. */
public final class Readiness {

    public static final String REDIS_CHECK = "Redis connection health check";
    public static final String DATABASE_CHECK = "Database connections health check";

    private Readiness() {
    }

    /** The service is ready and lists the named check as UP. */
    public static void assertUp(String check) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().when().get("/q/health/ready")
                        .then().statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.find { it.name == '" + check + "' }.status", equalTo("UP")));
    }

    /** The service answers 503 DOWN, naming the check and giving a reason. */
    public static void assertDown(String check) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().when().get("/q/health/ready")
                        .then().statusCode(503)
                        .body("status", equalTo("DOWN"))
                        .body("checks.findAll { it.status == 'DOWN' }.name", hasItem(check))
                        .body("checks.find { it.name == '" + check + "' }.data.values()[0]", not(blankOrNullString())));
    }

    /** Cuts the dependency behind the proxy, expects DOWN, restores it and expects UP, with no restart in between. */
    public static void assertRecoversFromOutage(TcpProxy dependency, String check) {
        assertUp(check);
        dependency.cut();
        try {
            assertDown(check);
        } finally {
            dependency.restore();
        }
        assertUp(check);
    }
}
