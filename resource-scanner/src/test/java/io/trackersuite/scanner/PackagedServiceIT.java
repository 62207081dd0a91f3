package io.trackersuite.scanner;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.trackersuite.testing.OperationsEndpointsContract;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.TestTokens;
import io.trackersuite.testing.aws.AwsStubResource;

/**
 * The packaged service (the JVM jar here, the native executable in the pipeline's native build) starts against the
 * real PostgreSQL and the AWS stub, serves what Kubernetes and Prometheus need, and scans, prices and stores the
 * stub's account. On a JDK 25 build this class is also the training run of the service's AOT cache (pom.xml, profile
 * aot-cache): the scans it runs here start warm in production.
 */
@QuarkusIntegrationTest
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(AwsStubResource.class)
@WithTestResource(Accounts.ApiKeysResource.class)
class PackagedServiceIT extends OperationsEndpointsContract {

    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");

    @Test
    void everyScanFindsPricesAndStoresTheWholeAccount() {
        Accounts.standard(AwsStubResource.stub());
        String viewer = TestTokens.bearer("vic", "viewer");
        for (int i = 0; i < 8; i++) {
            JsonPath scan = Scans.run(Map.of("regions", REGIONS));
            assertThat(scan.getString("status")).isEqualTo("completed");
            assertThat(scan.getList("errors")).isEmpty();
            assertThat(scan.getInt("progress.resources_found")).isEqualTo(30);

            String id = scan.getString("id");
            assertThat(given().auth().oauth2(viewer).queryParam("type", "ec2_instance")
                    .when().get("/api/v1/scans/" + id + "/resources")
                    .then().statusCode(200).extract().jsonPath().getInt("total")).isEqualTo(3);
            // the catalogue's prices, as ScanTest works them out by hand
            assertThat(new BigDecimal(given().auth().oauth2(viewer).when().get("/api/v1/scans/" + id + "/costs")
                    .then().statusCode(200).extract().jsonPath().getString("total"))).isEqualByComparingTo("234.6029");
        }
    }
}
