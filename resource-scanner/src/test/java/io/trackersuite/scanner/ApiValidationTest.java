package io.trackersuite.scanner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.TestTokens;
import io.trackersuite.testing.aws.AwsStubResource;

/** Who may do what, and bad input answered with a problem body naming the field, never a stack trace. */
@QuarkusTest
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(AwsStubResource.class)
@WithTestResource(Accounts.ApiKeysResource.class)
class ApiValidationTest {

    private final String operator = TestTokens.bearer("olga", "operator");

    @Test
    void readsNeedAViewerAndScansAnOperator() {
        given().get("/api/v1/scans").then().statusCode(401);
        given().header("X-API-Key", "tsk_test-viewer_" + "x".repeat(40)).get("/api/v1/scans").then().statusCode(401);
        given().header("X-API-Key", Accounts.VIEWER_KEY).get("/api/v1/scans").then().statusCode(200);
        given().header("X-API-Key", Accounts.VIEWER_KEY).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/scans").then().statusCode(403);
        given().auth().oauth2(TestTokens.bearer("tom", "teacher")).get("/api/v1/scans").then().statusCode(403);
        given().header("X-API-Key", Accounts.OPERATOR_KEY).contentType(ContentType.JSON)
                .body(Map.of("regions", List.of("us-east-1"), "resource_types", List.of("vpc")))
                .post("/api/v1/scans").then().statusCode(202).body("requested_by", equalTo("api-key:test-operator"));
    }

    @Test
    void badScanRequestsNameTheField() {
        problem(scan(Map.of("regions", List.of("us-east-1", "mars-north-1"))), "regions[1]", "mars-north-1");
        problem(scan(Map.of("resource_types", List.of("ec2_instance", "floppy_disk"))), "resource_types", "floppy_disk");
        problem(scan(Map.of("max_workers", 0)), "max_workers", "between 1 and 128");
        problem(scan(Map.of("max_workers", 1000)), "max_workers", "between 1 and 128");
        problem(scan(Map.of("max_workers", "many")), "max_workers", "wrong type");
        problem(scan(Map.of("max_workers", 1.5)), "max_workers", "wrong type"); // not cut to 1
        problem(scan(Map.of("credentials", Map.of("role_arn", "arn:aws:s3:::not-a-role"))), "credentials.role_arn",
                "IAM role ARN");
        problem(scan(Map.of("credentials", Map.of("access_key_id", "AKIAONLYHALF"))), "credentials.access_key_id",
                "both");
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"regions\": [")
                .post("/api/v1/scans").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("the request body is not valid JSON"));
    }

    @Test
    void misspelledOrUnsupportedFieldsAreRefusedByName() {
        problem(scan(Map.of("region", List.of("us-east-1"), "resource_types", List.of("vpc"))), "region",
                "unknown field 'region'");
        problem(scan(Map.of("regions", List.of("us-east-1"), "resource_type", List.of("vpc"))), "resource_type",
                "unknown field 'resource_type'");
        problem(action(Map.of("resource_type", "ec2_instance", "region", "us-east-1", "resource_id",
                "i-0aaa000000000001", "action", "stop", "dryrun", false)), "dryrun", "unknown field 'dryrun'");
        // a field sent twice is refused, not resolved to the last value (which would scan eu-west-1 alone)
        problem(operator().body("{\"regions\":[\"us-east-1\"],\"regions\":[\"eu-west-1\"]}").post("/api/v1/scans"),
                "regions", "given more than once");
    }

    @Test
    void badQueriesAndActionsNameTheField() {
        given().auth().oauth2(operator).get("/api/v1/scans/not-a-uuid").then().statusCode(400)
                .body("parameter", equalTo("id"));
        given().auth().oauth2(operator).get("/api/v1/scans/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType("application/problem+json");
        problem(action(Map.of("resource_type", "vpc", "region", "us-east-1", "resource_id", "vpc-0abc",
                "action", "delete")), "resource_type", "no actions exist for vpc");
        problem(action(Map.of("resource_type", "ebs_volume", "region", "us-east-1", "resource_id", "vol-0abc00000000",
                "action", "stop")), "action", "can be [delete], not stop");
        problem(action(Map.of("resource_type", "ec2_instance", "region", "us-east-1", "resource_id",
                "i-<script>", "action", "stop")), "resource_id", "not a valid ec2_instance id");
        problem(action(Map.of("resource_type", "ec2_instance", "region", "moon-1", "resource_id",
                "i-0aaa000000000001", "action", "stop")), "region", "unknown region");
        problem(given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("resource_type", "ec2_instance", "region", "us-east-1",
                        "resource_id", "i-0aaa000000000001", "action", "stop"), Map.of("resource_type", "ec2_instance",
                        "region", "us-east-1", "resource_id", "i-0aaa000000000001", "action", "explode"))))
                .post("/api/v1/actions/bulk"), "items[1].action", "stop, start or delete");
    }

    @Test
    void badInventoryFiltersAre400sNever500s() {
        String scan = scan(Map.of("regions", List.of("us-east-1"), "resource_types", List.of("vpc")))
                .then().statusCode(202).extract().path("id");
        String resources = "/api/v1/scans/" + scan + "/resources";
        // NUL cannot be stored in PostgreSQL text: refused before any query
        problem(given().auth().oauth2(operator).urlEncodingEnabled(false).get(resources + "?name=%00"), "name", "NUL");
        problem(given().auth().oauth2(operator).urlEncodingEnabled(false).get(resources + "?tag=a%00b"), "tag", "NUL");
        problem(given().auth().oauth2(operator).urlEncodingEnabled(false)
                .get("/api/v1/scans/" + scan + "/costs?tag_key=x%00"), "tag_key", "NUL");
        problem(operator().body(Map.of("scan_id", scan, "filters", Map.of("tags", Map.of("a\u0000b", "x"))))
                .post("/api/v1/resources/filter"), "tag", "NUL");
        // a misspelled filter is named, never ignored (ignoring it would answer the unfiltered list)
        problem(given().auth().oauth2(operator).queryParam("regoin", "us-east-1").get(resources), "regoin",
                "unknown query parameter");
        // costs are bounded decimals: extreme exponents are refused, not compared
        problem(given().auth().oauth2(operator).queryParam("min_cost", "1e-999999999").get(resources), "min_cost",
                "at most 4 decimals");
        problem(given().auth().oauth2(operator).queryParam("min_cost", "1e131072").get(resources), "min_cost",
                "at most 1000000000000");
        problem(given().auth().oauth2(operator).queryParam("max_cost", "1e131072").get(resources), "max_cost",
                "at most 1000000000000");
        problem(operator().body("{\"scan_id\":\"" + scan + "\",\"filters\":{\"max_cost\":1e131072}}")
                .post("/api/v1/resources/filter"), "filters.max_cost", "unknown field");
        given().auth().oauth2(operator).queryParam("min_cost", "1.50000").get(resources).then().statusCode(200);
        // numbers beyond int range name their parameter instead of a bare 404
        problem(given().auth().oauth2(operator).queryParam("page", "99999999999").get(resources), "page",
                "between 0 and");
        problem(given().auth().oauth2(operator).queryParam("size", "x").get("/api/v1/scans"), "size", "whole number");
        problem(given().auth().oauth2(operator).queryParam("limit", "99999999999").get("/api/v1/actions/audit"),
                "limit", "between 1 and 1000");
        problem(given().auth().oauth2(operator).queryParam("limit", "ten").get("/api/v1/actions/audit"), "limit",
                "whole number");
    }

    private RequestSpecification operator() {
        return given().auth().oauth2(operator).contentType(ContentType.JSON);
    }

    private io.restassured.response.Response scan(Map<String, Object> body) {
        return operator().body(body).post("/api/v1/scans");
    }

    private io.restassured.response.Response action(Map<String, Object> body) {
        return operator().body(body).post("/api/v1/actions");
    }

    private static void problem(io.restassured.response.Response response, String field, String detail) {
        response.then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo(field)).body("detail", containsString(detail))
                .body(not(containsString("at io.trackersuite")));
    }
}
