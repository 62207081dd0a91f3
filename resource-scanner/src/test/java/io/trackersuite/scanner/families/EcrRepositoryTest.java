package io.trackersuite.scanner.families;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.trackersuite.scanner.Accounts;
import io.trackersuite.scanner.Scans;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.TestTokens;
import io.trackersuite.testing.aws.AwsStub;
import io.trackersuite.testing.aws.AwsStubResource;

/**
 * ECR repositories, the type added as one family class plus its price: listed across pages, sized from their
 * images, priced by stored GB, tagged, and deleted only when they hold no image.
 */
@QuarkusTest
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(AwsStubResource.class)
@WithTestResource(Accounts.ApiKeysResource.class)
class EcrRepositoryTest {

    private static final long GIB = 1L << 30;
    private final String operator = TestTokens.bearer("olga", "operator");
    private AwsStub aws;

    @BeforeEach
    void registry() {
        aws = AwsStubResource.stub();
        aws.reset();
        // four images with pages of three: the size needs the second page
        aws.add("ecr_repository", "us-east-1", "shop/web", "available")
                .attr("image_sizes", List.of(2 * GIB, 2 * GIB, 3 * GIB, 3 * GIB)).tag("team", "shop");
        aws.add("ecr_repository", "us-east-1", "shop/worker", "available").attr("image_sizes", List.of(GIB));
        aws.add("ecr_repository", "us-east-1", "tools/base", "available").attr("image_sizes", List.of(GIB, GIB));
        aws.add("ecr_repository", "us-east-1", "old/unused", "available").tag("owner", "nobody");
        aws.add("ecr_repository", "eu-west-1", "shop/web", "available").attr("image_sizes", List.of(5 * GIB));
    }

    @Test
    void repositoriesAreListedAcrossPagesWithTheirStoredSizeAndItsCost() {
        JsonPath scan = Scans.run(Map.of("regions", List.of("us-east-1", "eu-west-1"),
                "resource_types", List.of("ecr_repository")));

        assertThat(scan.getString("status")).isEqualTo("completed");
        assertThat(scan.getList("errors")).isEmpty();
        JsonPath all = resources(scan.getString("id"));
        assertThat(all.getList("items.id")).containsExactlyInAnyOrder("shop/web", "shop/worker", "tools/base",
                "old/unused", "shop/web");
        Map<String, Object> web = item(all, "shop/web", "us-east-1");
        assertThat(web).containsEntry("arn", "arn:aws:ecr:us-east-1:" + AwsStub.ACCOUNT + ":repository/shop/web")
                .containsEntry("state", "available");
        assertThat((Map<String, Object>) web.get("metadata")).containsEntry("size_bytes", 10 * GIB)
                .containsEntry("image_count", 4)
                .containsEntry("repository_uri", AwsStub.ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/shop/web");
        assertThat((Map<String, Object>) web.get("tags")).containsEntry("team", "shop");
        // 10 GB x $0.10; eu-west-1: 5 GB x $0.10 x 1.115
        assertThat(new BigDecimal(web.get("monthly_cost").toString())).isEqualByComparingTo("1.0000");
        assertThat(new BigDecimal(item(all, "shop/web", "eu-west-1").get("monthly_cost").toString()))
                .isEqualByComparingTo("0.5575");
        assertThat(new BigDecimal(item(all, "old/unused", "us-east-1").get("monthly_cost").toString()))
                .isEqualByComparingTo("0");
        // us-east-1's tags came from the tagging API, no call per repository; it listed nothing of ECR in eu-west-1
        // (no tagged repository there), so there the repository itself was asked
        assertThat(aws.calls()).filteredOn(c -> c.service().equals("ecr") && c.operation().equals("ListTagsForResource"))
                .extracting(AwsStub.Call::region).containsExactly("eu-west-1");
    }

    @Test
    void withoutTheTaggingApiEachRepositoryIsAskedForItsTags() {
        aws.taggingApiOmits("ecr:repository");

        JsonPath scan = Scans.run(Map.of("regions", List.of("us-east-1"), "resource_types", List.of("ecr_repository")));

        Map<String, Object> unused = item(resources(scan.getString("id")), "old/unused", "us-east-1");
        assertThat((Map<String, Object>) unused.get("tags")).containsEntry("owner", "nobody");
        assertThat(aws.calls()).anyMatch(c -> c.service().equals("ecr") && c.operation().equals("ListTagsForResource"));
    }

    @Test
    void onlyAnEmptyRepositoryCanBeDeleted() {
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(delete("shop/worker"))
                .post("/api/v1/actions").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("cannot delete a ecr_repository in state not-empty"));
        assertThat(aws.find("ecr_repository", "us-east-1", "shop/worker")).isNotNull();

        given().auth().oauth2(operator).contentType(ContentType.JSON).body(delete("old/unused"))
                .post("/api/v1/actions").then().statusCode(200).body("outcome", equalTo("succeeded"))
                .body("verification_status", equalTo("verified"));
        assertThat(aws.find("ecr_repository", "us-east-1", "old/unused")).isNull();
    }

    @Test
    void aRepositoryNameOutsideEcrsRuleIsRefusedBeforeAnyCall() {
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(delete("Shop//Web"))
                .post("/api/v1/actions").then().statusCode(400).body("parameter", equalTo("resource_id"));
        assertThat(aws.calls()).noneMatch(c -> c.service().equals("ecr"));
    }

    private static Map<String, Object> delete(String repository) {
        return Map.of("resource_type", "ecr_repository", "region", "us-east-1", "resource_id", repository,
                "action", "delete", "dry_run", false);
    }

    private JsonPath resources(String scanId) {
        return given().auth().oauth2(operator).queryParam("size", 100).get("/api/v1/scans/" + scanId + "/resources")
                .then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> item(JsonPath page, String id, String region) {
        List<Map<String, Object>> items = page.getList("items");
        return items.stream().filter(i -> id.equals(i.get("id")) && region.equals(i.get("region"))).findFirst()
                .orElseThrow();
    }
}
