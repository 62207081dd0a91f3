package io.trackersuite.scanner.seedapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.trackersuite.scanner.Accounts;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.aws.AwsStub;
import io.trackersuite.testing.aws.AwsStubResource;
import io.trackersuite.testing.aws.StubCredentials;

/**
 * The original AWS resource tracker's API, driven with the requests its README documents (X-API-Key, keys in the
 * body, its type names) and checked field by field against the responses it documents.
 */
@QuarkusTest
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(AwsStubResource.class)
@WithTestResource(Accounts.ApiKeysResource.class)
class SeedApiContractTest {

    private static final StubCredentials KEYS = StubCredentials.longTerm();
    private static final List<String> RESOURCE_FIELDS = List.of("resource_id", "resource_name", "resource_type",
            "region", "state", "creation_date", "tags", "estimated_cost_monthly", "metadata");

    private AwsStub aws;

    @BeforeEach
    void standardAccount() {
        aws = AwsStubResource.stub();
        Accounts.standard(aws);
    }

    @Test
    void theDocumentedScanScansTheAccountOfTheKeysSentAndAnswersInTheOriginalShape() {
        JsonPath scan = seedScan();

        assertThat(scan.getBoolean("success")).isTrue();
        assertThat(scan.getString("data.timestamp")).isNotBlank();
        assertThat(scan.getList("data.regions_scanned", String.class)).contains("us-east-1", "eu-west-1");
        assertThat(aws.calls()).filteredOn(c -> KEYS.accessKeyId().equals(c.accessKeyId())).hasSizeGreaterThan(20);
        List<Map<String, Object>> resources = scan.getList("data.resources");
        assertThat(resources).hasSize(30).allSatisfy(r -> assertThat(r).containsKeys(RESOURCE_FIELDS.toArray(String[]::new)));
        Map<String, Object> web = resources.stream().filter(r -> "i-0aaa000000000001".equals(r.get("resource_id")))
                .findFirst().orElseThrow();
        assertThat(web).containsEntry("resource_name", "web-us-east-1").containsEntry("resource_type", "EC2_Instance")
                .containsEntry("region", "us-east-1").containsEntry("state", "running")
                .containsEntry("tags", Map.of("Name", "web-us-east-1", "team", "web"));
        assertThat(((Number) web.get("estimated_cost_monthly")).doubleValue()).isCloseTo(7.592, within(0.0001));
        assertThat((Map<String, Object>) web.get("metadata")).containsEntry("instance_type", "t3.micro");
        // the original listed Lambda functions and load balancers by ARN
        assertThat(resources).anySatisfy(r -> assertThat(r).containsEntry("resource_type", "Lambda_Function")
                .containsEntry("resource_name", "thumbnailer")
                .hasEntrySatisfying("resource_id", id -> assertThat((String) id).startsWith("arn:aws:lambda:")));

        assertThat(scan.getInt("data.summary.total_resources")).isEqualTo(30);
        assertThat(scan.getMap("data.summary.by_type")).containsEntry("EC2_Instance", 3).containsEntry("S3_Bucket", 2)
                .containsEntry("NAT_Gateway", 1).containsEntry("CloudWatch_LogGroup", 1);
        assertThat(scan.getMap("data.summary.by_region")).isEqualTo(resources.stream().collect(
                Collectors.groupingBy(r -> (String) r.get("region"), Collectors.summingInt(r -> 1))));
        BigDecimal sum = resources.stream().map(r -> r.get("estimated_cost_monthly")).filter(c -> c != null)
                .map(c -> new BigDecimal(c.toString())).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(new BigDecimal(scan.getString("data.cost_summary.estimated_monthly_total")))
                .isEqualByComparingTo(sum.setScale(2, RoundingMode.HALF_UP));
        assertThat(scan.getMap("data.cost_summary.by_resource_type")).containsKeys("EC2_Instance", "RDS_Instance");
        assertThat(scan.getList("data.errors")).isEmpty();
    }

    @Test
    void theDocumentedFilterFiltersTheResourcesSentOrTheNewestScan() {
        List<Map<String, Object>> resources = seedScan().getList("data.resources");
        Map<String, Object> filters = Map.of("resource_type", "EC2_Instance", "region", "us-east-1", "state",
                "running", "tags", Map.of("team", "web"));

        JsonPath sent = apiKey(Accounts.VIEWER_KEY).body(Map.of("resources", resources, "filters", filters))
                .post("/api/v1/resources/filter").then().statusCode(200).extract().jsonPath();
        assertThat(sent.getBoolean("success")).isTrue();
        assertThat(sent.getInt("total")).isEqualTo(1);
        assertThat(sent.getList("resources.resource_id")).containsExactly("i-0aaa000000000001");

        JsonPath stored = apiKey(Accounts.VIEWER_KEY).body(Map.of("filters", filters))
                .post("/api/v1/resources/filter").then().statusCode(200).extract().jsonPath();
        assertThat(stored.getList("resources")).isEqualTo(sent.getList("resources"));

        apiKey(Accounts.VIEWER_KEY).body(Map.of("resources", resources, "filters", Map.of("tags", Map.of("team", "data"))))
                .post("/api/v1/resources/filter").then().statusCode(200).body("total", equalTo(4));
    }

    @Test
    void aFilterNamingAnUnknownTypeOrFieldIsRefusedNotIgnored() {
        apiKey(Accounts.VIEWER_KEY).body(Map.of("resources", List.of(), "filters", Map.of("resource_type", "EC2")))
                .post("/api/v1/resources/filter").then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo("filters.resource_type")).body("success", equalTo(false))
                .body("error", containsString("unknown resource type"));
        apiKey(Accounts.VIEWER_KEY).body(Map.of("resources", List.of(), "filters", Map.of("regoin", "us-east-1")))
                .post("/api/v1/resources/filter").then().statusCode(400)
                .body("parameter", equalTo("filters.regoin")).body("success", equalTo(false));
    }

    @Test
    void theDocumentedActionIsCarriedOutAndVerified() {
        JsonPath result = apiKey(Accounts.OPERATOR_KEY).body(Map.of("access_key_id", KEYS.accessKeyId(),
                "secret_access_key", KEYS.secretAccessKey(), "resource_id", "i-0aaa000000000001", "resource_type",
                "EC2_Instance", "region", "us-east-1", "action", "stop"))
                .post("/api/v1/resources/action").then().statusCode(200).extract().jsonPath();

        assertThat(result.getBoolean("success")).isTrue();
        assertThat(result.getString("resource_id")).isEqualTo("i-0aaa000000000001");
        assertThat(result.getString("resource_type")).isEqualTo("EC2_Instance");
        assertThat(result.getString("action")).isEqualTo("stop");
        assertThat(result.getString("message")).isNotBlank();
        assertThat(result.getString("verification_status")).isEqualTo("verified");
        assertThat(aws.find("ec2_instance", "us-east-1", "i-0aaa000000000001").state).isEqualTo("stopped");
        assertThat(aws.calls()).anyMatch(c -> c.operation().equals("StopInstances")
                && KEYS.accessKeyId().equals(c.accessKeyId()));
    }

    @Test
    void aLambdaFunctionIsFoundByTheArnTheScanListed() {
        String arn = seedScan().getList("data.resources", Map.class).stream()
                .filter(r -> "Lambda_Function".equals(r.get("resource_type"))).map(r -> (String) r.get("resource_id"))
                .findFirst().orElseThrow();
        apiKey(Accounts.OPERATOR_KEY).body(Map.of("resource_id", arn, "resource_type", "Lambda_Function", "region",
                "us-east-1", "action", "delete")).post("/api/v1/resources/action").then().statusCode(200)
                .body("success", equalTo(true));
        assertThat(aws.find("lambda_function", "us-east-1", "thumbnailer")).isNull();
    }

    @Test
    void protectionAndRolesStillApplyAndARefusalReadsAsTheOriginalsError() {
        apiKey(Accounts.OPERATOR_KEY).body(Map.of("resource_id", "i-0aaa000000000002", "resource_type",
                "EC2_Instance", "region", "us-east-1", "action", "delete")).post("/api/v1/resources/action").then()
                .statusCode(403).contentType("application/problem+json").body("success", equalTo(false))
                .body("error", containsString("protected")).body("resource_id", equalTo("i-0aaa000000000002"));
        apiKey(Accounts.VIEWER_KEY).body(Map.of("resource_id", "i-0aaa000000000001", "resource_type",
                "EC2_Instance", "region", "us-east-1", "action", "stop")).post("/api/v1/resources/action").then()
                .statusCode(403).body("success", equalTo(false)).body("error", containsString("operator"));
        assertThat(aws.find("ec2_instance", "us-east-1", "i-0aaa000000000001").state).isEqualTo("running");
    }

    @Test
    void theDocumentedBulkActionReportsEachItem() {
        JsonPath bulk = apiKey(Accounts.OPERATOR_KEY).body(Map.of("access_key_id", KEYS.accessKeyId(),
                "secret_access_key", KEYS.secretAccessKey(), "actions", List.of(
                        Map.of("resource_id", "i-0bbb000000000001", "resource_type", "EC2_Instance", "region",
                                "eu-west-1", "action", "stop"),
                        Map.of("resource_id", "nat-0aaa000000000001", "resource_type", "NAT_Gateway", "region",
                                "us-east-1", "action", "delete"),
                        Map.of("resource_id", "i-0aaa000000000002", "resource_type", "EC2_Instance", "region",
                                "us-east-1", "action", "stop"))))
                .post("/api/v1/resources/bulk-action").then().statusCode(200).extract().jsonPath();

        assertThat(bulk.getBoolean("success")).isTrue();
        assertThat(bulk.getInt("total_actions")).isEqualTo(3);
        assertThat(bulk.getInt("successful")).isEqualTo(2);
        assertThat(bulk.getInt("failed")).isEqualTo(1);
        assertThat(bulk.getList("results.resource_id")).containsExactly("i-0bbb000000000001", "nat-0aaa000000000001",
                "i-0aaa000000000002");
        assertThat(bulk.getList("results.success")).containsExactly(true, true, false);
        assertThat(bulk.getString("results[2].message")).contains("protected");
        assertThat(aws.find("ec2_instance", "eu-west-1", "i-0bbb000000000001").state).isEqualTo("stopped");
    }

    @Test
    void aBulkRequestInTheSuitesOwnSpellingIsNamedNotIgnored() {
        apiKey(Accounts.OPERATOR_KEY).body(Map.of("items", List.of(Map.of("resource_id", "i-0aaa000000000001"))))
                .post("/api/v1/resources/bulk-action").then().statusCode(400).body("parameter", equalTo("items"))
                .body("detail", containsString("unknown field"));
    }

    @Test
    void theDocsAreOpenAndListTheEndpoints() {
        given().get("/api/v1/docs").then().statusCode(200).body("service", equalTo("AWS Resource Tracker API"))
                .body("endpoints.scan.path", equalTo("/api/v1/scan"))
                .body("endpoints.bulk_action.path", equalTo("/api/v1/resources/bulk-action"))
                .body("authentication.api_key", equalTo("X-API-Key header"));
    }

    private JsonPath seedScan() {
        return apiKey(Accounts.OPERATOR_KEY).body(Map.of("access_key_id", KEYS.accessKeyId(), "secret_access_key",
                KEYS.secretAccessKey(), "max_workers", 5)).post("/api/v1/scan").then().statusCode(200).extract()
                .jsonPath();
    }

    private static RequestSpecification apiKey(String key) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON);
    }
}
