package io.trackersuite.scanner.scans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.trackersuite.scanner.Accounts;
import io.trackersuite.scanner.Scans;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.TestTokens;
import io.trackersuite.testing.aws.AwsStub;
import io.trackersuite.testing.aws.AwsStubResource;

/** What AWS does to a scan in real life: denied regions, throttling, regions the account has not enabled. */
@QuarkusTest
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(AwsStubResource.class)
@WithTestResource(Accounts.ApiKeysResource.class)
class ScanFailuresTest {

    private AwsStub aws;

    @BeforeEach
    void standardAccount() {
        aws = AwsStubResource.stub();
        Accounts.standard(aws);
    }

    @Test
    void accessDeniedInOneRegionIsAnErrorEntryAndTheRestIsScanned() {
        aws.deny("ec2", "eu-west-1");

        JsonPath scan = Scans.run(Map.of("regions", List.of("us-east-1", "eu-west-1")));

        assertThat(scan.getString("status")).isEqualTo("completed");
        List<Map<String, String>> errors = scan.getList("errors");
        // the seven EC2 types of eu-west-1, each one entry naming region, service and code
        assertThat(errors).hasSize(7).allSatisfy(e -> assertThat(e)
                .containsEntry("region", "eu-west-1").containsEntry("service", "ec2")
                .containsEntry("error_code", "UnauthorizedOperation"));
        assertThat(scan.getInt("progress.errors")).isEqualTo(7);
        // everything else was found: 30 resources less the 6 EC2 ones of eu-west-1
        assertThat(scan.getInt("progress.resources_found")).isEqualTo(24);
    }

    @Test
    void withoutTheTaggingApiTagsAreReadFromEachService() {
        aws.deny("tagging", "us-east-1");

        JsonPath scan = Scans.run(Map.of("regions", List.of("us-east-1"), "resource_types",
                List.of("lambda_function", "s3_bucket", "dynamodb_table")));

        assertThat(scan.getList("errors")).isEmpty();
        assertThat(aws.calls()).anyMatch(c -> c.operation().startsWith("GET /2017-03-31/tags/"))
                .anyMatch(c -> c.operation().equals("GET /tracker-logs?tagging"))
                .anyMatch(c -> c.operation().equals("ListTagsOfResource"));
        JsonPath resources = io.restassured.RestAssured.given().auth().oauth2(TestTokens.bearer("vic", "viewer"))
                .queryParam("tag", "team").get("/api/v1/scans/" + scan.getString("id") + "/resources").jsonPath();
        assertThat(resources.getList("items.id")).containsExactlyInAnyOrder("thumbnailer", "tracker-logs");
    }

    @Test
    void whereTheTaggingApiListsNothingOfATypeItsServiceIsAsked() {
        aws.taggingApiOmits("lambda:function");

        JsonPath scan = Scans.run(Map.of("regions", List.of("us-east-1"), "resource_types",
                List.of("lambda_function", "s3_bucket")));

        assertThat(scan.getList("errors")).isEmpty();
        // Lambda's own tag call for the functions; the buckets' tags still came from the tagging API
        assertThat(aws.calls()).anyMatch(c -> c.operation().startsWith("GET /2017-03-31/tags/"))
                .noneMatch(c -> c.operation().equals("GET /tracker-logs?tagging"));
        JsonPath resources = io.restassured.RestAssured.given().auth().oauth2(TestTokens.bearer("vic", "viewer"))
                .queryParam("tag", "team").get("/api/v1/scans/" + scan.getString("id") + "/resources").jsonPath();
        assertThat(resources.getList("items.id")).containsExactlyInAnyOrder("thumbnailer", "tracker-logs");
    }

    @Test
    void throttlingIsRetriedWithBackoffUntilItSucceeds() {
        aws.throttle("rds", 2);

        JsonPath scan = Scans.run(Map.of("regions", List.of("us-east-1"), "resource_types", List.of("rds_instance")));

        assertThat(scan.getList("errors")).isEmpty();
        assertThat(scan.getInt("progress.resources_found")).isEqualTo(1);
        assertThat(aws.calls().stream().filter(c -> c.operation().equals("DescribeDBInstances"))).hasSize(3);
    }

    @Test
    void onlyEnabledRegionsAreScannedWhenNoneAreGiven() {
        aws.region("af-south-1", "opted-in").region("ap-east-1", "not-opted-in");
        aws.add("ec2_instance", "af-south-1", "i-0fff000000000001", "running").attr("type", "t3.micro");

        JsonPath scan = Scans.run(Map.of("resource_types", List.of("ec2_instance")));

        assertThat(scan.getList("regions", String.class)).contains("af-south-1", "us-east-1")
                .doesNotContain("ap-east-1").hasSize(7);
        assertThat(scan.getList("errors")).isEmpty();
        assertThat(scan.getInt("progress.resources_found")).isEqualTo(4);
    }

    @Test
    void aRequestedRegionTheAccountHasNotEnabledFailsOnlyItsOwnTasks() {
        aws.region("ap-east-1", "not-opted-in");

        JsonPath scan = Scans.run(Map.of("regions", List.of("us-east-1", "ap-east-1"),
                "resource_types", List.of("ec2_instance", "lambda_function")));

        assertThat(scan.getString("status")).isEqualTo("completed");
        List<Map<String, String>> errors = scan.getList("errors");
        assertThat(errors).extracting(e -> e.get("region")).containsOnly("ap-east-1");
        assertThat(errors).extracting(e -> e.get("error_code"))
                .containsExactlyInAnyOrder("AuthFailure", "UnrecognizedClientException");
        assertThat(scan.getInt("progress.resources_found")).isEqualTo(3);
    }

    @Test
    void aScanWhoseRegionsCannotBeListedFailsWithTheReason() {
        aws.deny("ec2", "us-east-1");

        JsonPath scan = Scans.run(Map.of());

        assertThat(scan.getString("status")).isEqualTo("failed");
        assertThat(scan.getString("failure")).contains("could not list the account's regions")
                .contains("UnauthorizedOperation");
    }
}
