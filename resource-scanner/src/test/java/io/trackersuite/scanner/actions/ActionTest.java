package io.trackersuite.scanner.actions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.trackersuite.scanner.Accounts;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.TestTokens;
import io.trackersuite.testing.aws.AwsStub;
import io.trackersuite.testing.aws.AwsStubResource;

/** Stop, start and delete against the stub: dry run first, protection, verification, bulk, audit. */
@QuarkusTest
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(AwsStubResource.class)
@WithTestResource(Accounts.ApiKeysResource.class)
class ActionTest {

    private final String operator = TestTokens.bearer("olga", "operator");
    private final String viewer = TestTokens.bearer("vic", "viewer");
    private AwsStub aws;

    @Inject
    DataSource db;

    @BeforeEach
    void standardAccount() {
        aws = AwsStubResource.stub();
        Accounts.standard(aws);
    }

    @Test
    void dryRunIsTheDefaultAndUsesTheEc2DryRunFlag() {
        JsonPath result = action(operator, Map.of("resource_type", "ec2_instance", "region", "us-east-1",
                "resource_id", "i-0aaa000000000001", "action", "stop")).then().statusCode(200).extract().jsonPath();

        assertThat(result.getString("outcome")).isEqualTo("would_succeed");
        assertThat(result.getBoolean("dry_run")).isTrue();
        assertThat(result.getString("detail")).contains("dry run passed");
        assertThat(aws.find("ec2_instance", "us-east-1", "i-0aaa000000000001").state).isEqualTo("running");
        assertThat(aws.calls()).anyMatch(c -> c.operation().equals("StopInstances"));
    }

    @Test
    void everyRealActionIsVerifiedByReadingTheStateBack() {
        record Case(String type, String id, String action, String newState, String verification) {
        }
        aws.add("ebs_volume", "us-east-1", "vol-0ddd000000000001", "available").attr("size", 1).attr("volume_type", "gp3");
        aws.add("rds_instance", "us-east-1", "stopped-db", "stopped").attr("class", "db.t3.micro").attr("engine", "mysql");
        aws.add("s3_bucket", "global", "full-bucket", "available").attr("region", "us-east-1").attr("objects", 3);
        List<Case> cases = List.of(
                new Case("ec2_instance", "i-0aaa000000000001", "stop", "stopped", "verified"),
                new Case("ec2_instance", "i-0aaa000000000001", "start", "running", "verified"),
                new Case("ec2_instance", "i-0aaa000000000001", "terminate", "terminated", "verified"),
                new Case("rds_instance", "orders-db", "stop", "stopping", "in_progress"),
                new Case("rds_instance", "stopped-db", "start", "starting", "in_progress"),
                new Case("ebs_volume", "vol-0aaa000000000001", "delete", "absent", "verified"),
                new Case("elastic_ip", "eipalloc-0aaa000000000001", "release", "absent", "verified"),
                new Case("nat_gateway", "nat-0aaa000000000001", "delete", "deleting", "in_progress"),
                new Case("lambda_function", "thumbnailer", "delete", "absent", "verified"),
                new Case("load_balancer", "web-alb", "delete", "absent", "verified"),
                new Case("log_group", "/aws/lambda/thumbnailer", "delete", "absent", "verified"),
                new Case("s3_bucket", "tracker-logs-empty", "delete", "absent", "verified"));
        aws.add("s3_bucket", "global", "tracker-logs-empty", "available").attr("region", "us-east-1");

        for (Case c : cases) {
            JsonPath result = action(operator, Map.of("resource_type", c.type(), "region", "us-east-1",
                    "resource_id", c.id(), "action", c.action(), "dry_run", false))
                    .then().statusCode(200).extract().jsonPath();
            assertThat(result.getString("outcome")).as(c.toString()).isEqualTo("succeeded");
            assertThat(result.getString("new_state")).as(c.toString()).isEqualTo(c.newState());
            assertThat(result.getString("verification_status")).as(c.toString()).isEqualTo(c.verification());
        }
        assertThat(aws.find("ebs_volume", "us-east-1", "vol-0aaa000000000001")).isNull();
        assertThat(aws.find("rds_instance", "us-east-1", "orders-db").state).isEqualTo("stopping");
    }

    @Test
    void protectedResourcesAndWrongStatesAreRefusedAndNothingChanges() {
        action(operator, Map.of("resource_type", "ec2_instance", "region", "us-east-1",
                "resource_id", "i-0aaa000000000002", "action", "start", "dry_run", false))
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("protected by tag protected=true"));
        assertThat(aws.find("ec2_instance", "us-east-1", "i-0aaa000000000002").state).isEqualTo("stopped");

        aws.find("ebs_volume", "us-east-1", "vol-0aaa000000000001").state = "in-use";
        action(operator, Map.of("resource_type", "ebs_volume", "region", "us-east-1",
                "resource_id", "vol-0aaa000000000001", "action", "delete", "dry_run", false))
                .then().statusCode(400).body("parameter", equalTo("action"))
                .body("detail", containsString("cannot delete a ebs_volume in state in-use"));
        aws.add("s3_bucket", "global", "busy-bucket", "available").attr("region", "us-east-1").attr("objects", 5);
        action(operator, Map.of("resource_type", "s3_bucket", "region", "us-east-1",
                "resource_id", "busy-bucket", "action", "delete", "dry_run", false))
                .then().statusCode(400).body("detail", containsString("state not-empty"));
        assertThat(aws.find("s3_bucket", "global", "busy-bucket")).isNotNull();
        assertThat(aws.calls()).noneMatch(c -> c.operation().equals("DeleteVolume")
                || c.operation().startsWith("DELETE /busy-bucket"));
    }

    @Test
    void viewersMayDryRunButNotAct() {
        Map<String, Object> stop = Map.of("resource_type", "ec2_instance", "region", "us-east-1",
                "resource_id", "i-0aaa000000000001", "action", "stop", "dry_run", false);
        action(viewer, stop).then().statusCode(403).body("detail", containsString("operator role"));
        assertThat(aws.find("ec2_instance", "us-east-1", "i-0aaa000000000001").state).isEqualTo("running");
        action(viewer, Map.of("resource_type", "ec2_instance", "region", "us-east-1",
                "resource_id", "i-0aaa000000000001", "action", "stop")).then().statusCode(200)
                .body("outcome", equalTo("would_succeed"));
    }

    @Test
    void bulkReportsEveryItemAndNeverStopsAtTheFirstFailure() {
        String requestId = "bulk-" + java.util.UUID.randomUUID();
        JsonPath bulk = given().auth().oauth2(operator).contentType(ContentType.JSON)
                .header("X-Request-Id", requestId)
                .body(Map.of("dry_run", false, "items", List.of(
                        Map.of("resource_type", "ec2_instance", "region", "us-east-1", "resource_id",
                                "i-0aaa000000000002", "action", "start"),
                        Map.of("resource_type", "ec2_instance", "region", "us-east-1", "resource_id",
                                "i-0aaa00000000dead", "action", "stop"),
                        Map.of("resource_type", "ec2_instance", "region", "us-east-1", "resource_id",
                                "i-0aaa000000000001", "action", "stop"),
                        Map.of("resource_type", "ec2_instance", "region", "eu-west-1", "resource_id",
                                "i-0bbb000000000001", "action", "stop"))))
                .post("/api/v1/actions/bulk").then().statusCode(200).extract().jsonPath();

        assertThat(bulk.getList("results.outcome")).containsExactly("refused", "refused", "succeeded", "succeeded");
        assertThat(bulk.getInt("succeeded")).isEqualTo(2);
        assertThat(bulk.getInt("refused")).isEqualTo(2);
        assertThat(aws.find("ec2_instance", "eu-west-1", "i-0bbb000000000001").state).isEqualTo("stopped");
        // one audit line per item, with who and the request id
        assertThat(bulk.getString("request_id")).isEqualTo(requestId);
        assertThat(auditLines(requestId)).containsExactlyInAnyOrder(
                "olga ec2_instance/i-0aaa000000000002 start refused",
                "olga ec2_instance/i-0aaa00000000dead stop refused",
                "olga ec2_instance/i-0aaa000000000001 stop succeeded",
                "olga ec2_instance/i-0bbb000000000001 stop succeeded");
    }

    @Test
    void theRulesListEachTypesActionsAndTheProtectionTags() {
        given().auth().oauth2(viewer).get("/api/v1/actions/rules").then().statusCode(200)
                .body("resource_types.size()", equalTo(20))
                .body("actions.ecr_repository", equalTo(List.of("delete")))
                .body("actions.ec2_instance", equalTo(List.of("stop", "start", "delete")))
                .body("actions.vpc", equalTo(List.of()))
                .body("protection_tags", equalTo(List.of("protected=true", "do-not-delete")));
    }

    @Test
    void aFailureWithoutAnErrorBodyIsNamedByItsStatus() {
        aws.failWithoutBody("ec2", "us-east-1");
        String detail = action(operator, Map.of("resource_type", "ec2_instance", "region", "us-east-1",
                "resource_id", "i-0aaa000000000001", "action", "stop")).then().statusCode(502)
                .extract().path("detail");
        assertThat(detail).contains("HTTP 403: no error message in the answer").doesNotContain("null");
    }

    @Test
    void everyActionDryOrRealIsAudited() {
        action(viewer, Map.of("resource_type", "lambda_function", "region", "us-east-1", "resource_id", "thumbnailer",
                "action", "delete")).then().statusCode(200).body("outcome", equalTo("would_succeed"))
                .body("detail", containsString("no dry-run API"));
        given().auth().oauth2(operator).queryParam("limit", 1).get("/api/v1/actions/audit").then().statusCode(200)
                .body("[0].actor", equalTo("vic")).body("[0].resource_id", equalTo("thumbnailer"))
                .body("[0].dry_run", equalTo(true)).body("[0].outcome", equalTo("would_succeed"));
        given().auth().oauth2(viewer).get("/api/v1/actions/audit").then().statusCode(403);
    }

    private static io.restassured.response.Response action(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/actions");
    }

    private List<String> auditLines(String requestId) {
        try (var c = db.getConnection(); var ps = c.prepareStatement(
                "SELECT actor, resource_type, resource_id, action, outcome FROM action_audit WHERE request_id = ?")) {
            ps.setString(1, requestId);
            var rs = ps.executeQuery();
            List<String> lines = new java.util.ArrayList<>();
            while (rs.next()) {
                lines.add(rs.getString(1) + " " + rs.getString(2) + "/" + rs.getString(3) + " " + rs.getString(4) + " "
                        + rs.getString(5));
            }
            return lines;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
