package io.trackersuite.scanner.scans;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.trackersuite.scanner.Accounts;
import io.trackersuite.scanner.Scans;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.TestTokens;
import io.trackersuite.testing.aws.AwsStub;
import io.trackersuite.testing.aws.AwsStubResource;
import io.trackersuite.testing.aws.StubCredentials;

/**
 * Access keys sent in a request are used for that request and appear nowhere afterwards: not in responses, not in
 * any table, not in the logs, even with the AWS SDK logging at DEBUG. (HTTP wire logging is left off: it would show
 * the session token that must travel to AWS, and the test's own client, which logs on the same categories.)
 */
@QuarkusTest
@TestProfile(SecretHandlingTest.VerboseLogs.class)
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(AwsStubResource.class)
@WithTestResource(Accounts.ApiKeysResource.class)
class SecretHandlingTest {

    public static class VerboseLogs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.category.\"software.amazon.awssdk\".level", "DEBUG",
                    "quarkus.log.category.\"io.trackersuite\".level", "DEBUG");
        }
    }

    private static final StubCredentials REQUEST_KEYS = StubCredentials.longTerm();
    private static final String KEY_ID = REQUEST_KEYS.accessKeyId();
    private static final String SECRET = REQUEST_KEYS.secretAccessKey();
    private static final String SESSION = REQUEST_KEYS.sessionToken();

    private final String operator = TestTokens.bearer("olga", "operator");
    private final ConcurrentLinkedQueue<String> logs = new ConcurrentLinkedQueue<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            StringWriter text = new StringWriter();
            text.append(r.getLoggerName()).append(' ').append(String.valueOf(r.getMessage()));
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    text.append(' ').append(String.valueOf(p));
                }
            }
            if (r.getThrown() != null) {
                r.getThrown().printStackTrace(new PrintWriter(text));
            }
            logs.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private AwsStub aws;

    @Inject
    DataSource db;

    @BeforeEach
    void captureLogs() {
        aws = AwsStubResource.stub();
        Accounts.standard(aws);
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void requestKeysAreUsedButNeverStoredLoggedOrEchoed() throws SQLException {
        Map<String, Object> credentials = Map.of("access_key_id", KEY_ID, "secret_access_key", SECRET,
                "session_token", SESSION);
        String id = Scans.start(Map.of("regions", List.of("us-east-1"), "credentials", credentials));
        String scan = given().auth().oauth2(operator).get("/api/v1/scans/" + Scans.awaitFinished(id).getString("id"))
                .asString();
        // the original API's spelling, with a deliberately failing action so the error paths log too
        String action = given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("resource_type", "ec2_instance", "region", "us-east-1", "resource_id",
                        "i-0aaa00000000dead", "action", "stop", "credentials", credentials))
                .post("/api/v1/actions").asString();
        action += given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("resource_type", "EC2_Instance", "region", "us-east-1", "resource_id",
                        "i-0aaa00000000dead", "action", "stop", "access_key_id", KEY_ID, "secret_access_key", SECRET))
                .post("/api/v1/resources/action").then().statusCode(404).body("success", equalTo(false))
                .extract().asString();
        String sync = given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("regions", List.of("us-east-1"), "resource_types", List.of("vpc"),
                        "aws_access_key_id", KEY_ID, "aws_secret_access_key", SECRET))
                .post("/api/v1/scan").then().statusCode(200).extract().asString();
        // the original tracker's request, as its README documents it: its keys, never the service's own account
        String seed = given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("access_key_id", KEY_ID, "secret_access_key", SECRET, "max_workers", 5))
                .post("/api/v1/scan").then().statusCode(200).extract().asString();
        given().auth().oauth2(operator).get("/api/v1/scans/" + JsonPath.from(seed).getString("data.scan_id")).then()
                .body("credential_source", equalTo("request access keys"));
        sync += seed;

        assertThat(aws.calls()).filteredOn(c -> c.accessKeyId().equals(KEY_ID)).hasSizeGreaterThan(20);
        assertThat(scan).contains("request access keys").doesNotContain(SECRET).doesNotContain(SESSION);
        assertThat(action + sync).doesNotContain(SECRET).doesNotContain(SESSION);
        assertThat(everyStoredRow()).isNotEmpty().noneMatch(row -> row.contains(SECRET) || row.contains(SESSION));
        assertThat(logs).anyMatch(line -> line.startsWith("software.amazon.awssdk"))
                .noneMatch(line -> line.contains(SECRET) || line.contains(SESSION));
    }

    @Test
    void anAssumedRoleSignsTheScanWithItsSessionCredentials() {
        String id = Scans.start(Map.of("regions", List.of("us-east-1"), "resource_types", List.of("vpc"),
                "credentials", Map.of("role_arn", "arn:aws:iam::210987654321:role/inventory", "external_id", "x-42")));
        assertThat(Scans.awaitFinished(id).getString("credential_source"))
                .isEqualTo("default chain, assume role arn:aws:iam::210987654321:role/inventory");

        assertThat(aws.calls()).anyMatch(c -> c.operation().equals("AssumeRole")
                && c.accessKeyId().equals(AwsStubResource.DEFAULT_CHAIN.accessKeyId()));
        assertThat(aws.calls()).anyMatch(c -> c.operation().equals("DescribeVpcs")
                && c.accessKeyId().equals(AwsStub.ASSUMED_ROLE.accessKeyId()));
    }

    private List<String> everyStoredRow() throws SQLException {
        List<String> rows = new java.util.ArrayList<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            for (String table : List.of("scan", "scan_resource", "scan_error", "action_audit")) {
                try (ResultSet rs = st.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
            }
        }
        return rows;
    }
}
