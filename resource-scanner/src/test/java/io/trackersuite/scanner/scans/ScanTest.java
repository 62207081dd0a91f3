package io.trackersuite.scanner.scans;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.math.BigDecimal;
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

/** A whole scan against the AWS stub: every type found with its detail and cost, stored, filtered and diffed. */
@QuarkusTest
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(AwsStubResource.class)
@WithTestResource(Accounts.ApiKeysResource.class)
class ScanTest {

    private static final Map<String, Object> TWO_REGIONS = Map.of("regions", List.of("us-east-1", "eu-west-1"));
    private final String viewer = TestTokens.bearer("vic", "viewer");
    private AwsStub aws;

    @BeforeEach
    void standardAccount() {
        aws = AwsStubResource.stub();
        Accounts.standard(aws);
    }

    @Test
    void findsEveryTypeWithItsDetailFollowingPagination() {
        JsonPath scan = Scans.run(TWO_REGIONS);

        assertThat(scan.getString("status")).isEqualTo("completed");
        assertThat(scan.getList("errors")).isEmpty();
        JsonPath all = resources(scan.getString("id"), Map.of("size", 500));
        List<String> types = all.getList("items.type");
        assertThat(types).containsAll(List.of("ec2_instance", "ebs_volume", "ebs_snapshot", "elastic_ip", "nat_gateway",
                "vpc", "security_group", "s3_bucket", "rds_instance", "lambda_function", "load_balancer",
                "classic_load_balancer", "iam_user", "iam_role", "log_group", "dynamodb_table", "ecs_cluster",
                "eks_cluster", "elasticache_cluster"));
        // four security groups per region with pages of three: the second page was followed
        assertThat(types.stream().filter("security_group"::equals).count()).isEqualTo(8);
        assertThat(all.getInt("total")).isEqualTo(scan.getInt("progress.resources_found")).isEqualTo(30);

        Map<String, Object> web = item(all, "i-0aaa000000000001");
        assertThat(web).containsEntry("name", "web-us-east-1").containsEntry("region", "us-east-1")
                .containsEntry("state", "running")
                .containsEntry("arn", "arn:aws:ec2:us-east-1:" + AwsStub.ACCOUNT + ":instance/i-0aaa000000000001");
        assertThat((Map<String, Object>) web.get("tags")).containsEntry("team", "web");
        assertThat((Map<String, Object>) web.get("metadata")).containsEntry("instance_type", "t3.micro");

        Map<String, Object> bucket = item(all, "tracker-logs");
        assertThat(((Map<String, Object>) bucket.get("metadata"))).containsEntry("object_count", 1200)
                .containsEntry("size_bytes", 107_374_182_400L);
        // a compatible endpoint without BucketRegion: the bucket is placed by GetBucketLocation
        assertThat(item(all, "tracker-empty-eu")).containsEntry("region", "eu-west-1");
        assertThat(item(all, "deployer")).containsEntry("region", "global");
        assertThat(item(all, "thumbnailer")).containsEntry("monthly_cost", null);
        assertThat((String) item(all, "thumbnailer").get("cost_basis")).startsWith("usage-based");
        assertThat((Map<String, Object>) item(all, "platform").get("tags")).containsEntry("env", "prod");
    }

    @Test
    void costTotalsMatchTheCatalogueByHand() {
        String id = Scans.run(TWO_REGIONS).getString("id");

        JsonPath costs = given().auth().oauth2(viewer).queryParam("tag_key", "team")
                .get("/api/v1/scans/" + id + "/costs").then().statusCode(200).extract().jsonPath();
        // us-east-1 (factor 1.0): t3.micro 7.592, gp3 100 GB 8.00, snapshot 20 GB 1.00, IPv4 3.65, NAT 32.85,
        // S3 100 GiB 2.30, RDS db.t3.micro postgres 13.14 + 20 GB 2.30, ALB 16.425, logs 10 GiB 0.30,
        // DynamoDB 5 RCU + 5 WCU 2.847 + 1 GiB 0.25, ElastiCache 2 x cache.t3.micro 24.82 = 115.474
        // eu-west-1 (factor 1.115, each resource rounded to 4 places): t3.micro 8.46508 -> 8.4651, gp3 8.92,
        // classic ELB 20.34875 -> 20.3488, EKS 81.395 = 119.1289
        assertThat(decimal(costs, "by_region.us-east-1")).isEqualByComparingTo("115.474");
        assertThat(decimal(costs, "by_region.eu-west-1")).isEqualByComparingTo("119.1289");
        assertThat(decimal(costs, "total")).isEqualByComparingTo("234.6029");
        assertThat(decimal(costs, "by_type.ec2_instance")).isEqualByComparingTo("16.0571");
        assertThat(decimal(costs, "by_type.eks_cluster")).isEqualByComparingTo("81.395");
        assertThat(decimal(costs, "by_tag.web")).isEqualByComparingTo("16.0571");
        assertThat(decimal(costs, "by_tag.data")).isEqualByComparingTo("34.66");
        assertThat(costs.getInt("usage_based_resources")).isEqualTo(1);
        assertThat(new BigDecimal(Scans.awaitFinished(id).getString("total_monthly_cost")))
                .isEqualByComparingTo("234.6029");
    }

    @Test
    void filtersSortsAndPages() {
        String id = Scans.run(TWO_REGIONS).getString("id");

        assertThat(resources(id, Map.of("type", "ec2_instance", "state", "running")).getList("items.id"))
                .containsExactlyInAnyOrder("i-0aaa000000000001", "i-0bbb000000000001");
        assertThat(resources(id, Map.of("tag", "team=data")).getList("items.id"))
                .containsExactlyInAnyOrder("vol-0aaa000000000001", "vol-0bbb000000000001", "tracker-logs", "orders-db");
        assertThat(resources(id, Map.of("tag", "protected")).getList("items.id")).containsExactly("i-0aaa000000000002");
        assertThat(resources(id, Map.of("name", "WEB-")).getList("items.id"))
                .containsExactlyInAnyOrder("i-0aaa000000000001", "i-0bbb000000000001", "web-alb");
        JsonPath expensive = resources(id, Map.of("min_cost", "30", "sort", "monthly_cost", "order", "desc"));
        assertThat(expensive.getList("items.id")).containsExactly("platform", "nat-0aaa000000000001");
        JsonPath page = resources(id, Map.of("region", "eu-west-1", "sort", "id", "size", 2, "page", 1));
        assertThat(page.getInt("total")).isEqualTo(10);
        assertThat(page.getList("items")).hasSize(2);
    }

    @Test
    void diffShowsNewGoneAndChangedWithTheCostDelta() {
        String before = Scans.run(TWO_REGIONS).getString("id");
        aws.find("ec2_instance", "us-east-1", "i-0aaa000000000001").state = "stopped";
        aws.find("vpc", "us-east-1", "vpc-0abc").tag("owner", "network-team");
        aws.list("nat_gateway", "us-east-1").clear();
        aws.add("ebs_volume", "us-east-1", "vol-0ccc000000000001", "available").attr("size", 10)
                .attr("volume_type", "gp2");
        String after = Scans.run(TWO_REGIONS).getString("id");

        JsonPath diff = given().auth().oauth2(viewer).get("/api/v1/scans/" + before + "/diff/" + after)
                .then().statusCode(200).extract().jsonPath();
        assertThat(diff.getList("diff.added.id")).containsExactly("vol-0ccc000000000001");
        assertThat(diff.getList("diff.gone.id")).containsExactly("nat-0aaa000000000001");
        assertThat(diff.getList("diff.changed.resource.id")).containsExactlyInAnyOrder("i-0aaa000000000001", "vpc-0abc");
        assertThat(diff.getLong("diff.changed_count")).isEqualTo(2);
        // stopped t3.micro -7.592, NAT gone -32.85, new gp2 10 GB +1.00
        assertThat(decimal(diff, "cost_delta")).isEqualByComparingTo("-39.442");
    }

    @Test
    void scanHistoryListsNewestFirstAndProgressIsStreamed() {
        String first = Scans.run(TWO_REGIONS).getString("id");
        String second = Scans.start(TWO_REGIONS);

        String events = given().auth().oauth2(viewer).accept("text/event-stream")
                .get("/api/v1/scans/" + second + "/events").then().statusCode(200).extract().asString();
        assertThat(events).contains("\"status\":\"completed\"").contains("\"resources_found\":30");
        given().auth().oauth2(viewer).get("/api/v1/scans").then().statusCode(200)
                .body("[0].id", equalTo(second)).body("id", hasItem(first));
    }

    private JsonPath resources(String scan, Map<String, ?> query) {
        return given().auth().oauth2(viewer).queryParams(query).get("/api/v1/scans/" + scan + "/resources")
                .then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> item(JsonPath page, String id) {
        List<Map<String, Object>> items = page.getList("items");
        return items.stream().filter(i -> id.equals(i.get("id"))).findFirst().orElseThrow(() ->
                new AssertionError(id + " not in " + page.getList("items.id")));
    }

    private static BigDecimal decimal(JsonPath json, String path) {
        return new BigDecimal(json.getString(path));
    }
}
