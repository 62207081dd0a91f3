package io.trackersuite.scanner.scans;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.trackersuite.scanner.Accounts;
import io.trackersuite.scanner.Scans;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.Readiness;
import io.trackersuite.testing.ScrapedMetrics;
import io.trackersuite.testing.aws.AwsStub;
import io.trackersuite.testing.aws.AwsStubResource;
import io.trackersuite.warmup.Rehearsal;

/**
 * A scanner started in JVM mode rehearses scans of recorded answers before it reports ready. The rehearsal never
 * reaches the configured AWS endpoint, stores and counts nothing, and a scan asked for afterwards runs as usual.
 */
@QuarkusTest
@TestProfile(ScanRehearsalTest.Rehearsing.class)
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(AwsStubResource.class)
@WithTestResource(Accounts.ApiKeysResource.class)
class ScanRehearsalTest {

    /** The rehearsal on, as in the packaged service, but shorter. */
    public static class Rehearsing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scanner.scans.warm-up.enabled", "true", "scanner.scans.warm-up.max-duration", "10s");
        }
    }

    @Test
    void rehearsesScansOfRecordedAnswersWithoutCallingAwsOrStoringAnything() {
        // the rehearsal lasts at least 5 s from the service's start (at most 10 s here): it is still going now
        Readiness.assertDown(Rehearsal.CHECK);
        Readiness.assertUp(Rehearsal.CHECK);
        JsonPath ready = given().when().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(ready.getLong(warmUpData("scans"))).isGreaterThan(1);
        assertThat(ready.getLong(warmUpData("failed"))).isZero();

        AwsStub aws = AwsStubResource.stub();
        assertThat(aws.calls()).isEmpty();
        ScrapedMetrics metrics = ScrapedMetrics.scrape();
        assertThat(metrics.sum("scanner_scans_seconds_count").orElse(0)).isZero();
        assertThat(metrics.sum("scanner_aws_errors_total").orElse(0)).isZero();

        Accounts.standard(aws);
        JsonPath scan = Scans.run(Map.of("regions", List.of("us-east-1")));
        assertThat(scan.getString("status")).isEqualTo("completed");
        assertThat(scan.getList("errors")).isEmpty();
        assertThat(aws.calls()).extracting(AwsStub.Call::region).contains("us-east-1");
        assertThat(ScrapedMetrics.scrape().sum("scanner_scans_seconds_count", "status=\"completed\"")).hasValue(1);
    }

    private static String warmUpData(String key) {
        return "checks.find { it.name == '" + Rehearsal.CHECK + "' }.data." + key;
    }
}
