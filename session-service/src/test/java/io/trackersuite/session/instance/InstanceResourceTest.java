package io.trackersuite.session.instance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.testing.RedisProxyResource;

@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class InstanceResourceTest {

    @Test
    void offEc2TheHostNameIdentifiesTheInstance() {
        given().when().get("/api/instance")
                .then().statusCode(200)
                .body("onEc2", equalTo(false))
                .body("instanceId", not(emptyOrNullString()))
                .body("host", not(emptyOrNullString()));
    }
}
