package io.trackersuite.scanner.scans;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.scanner.Accounts;
import io.trackersuite.testing.aws.AwsStubResource;
import io.trackersuite.testing.PostgresProxyResource;

/**
 * A replica starting beside another must not fail the other's running scan; only a scan whose owner stopped
 * confirming it (a crashed or stopped replica) is failed as interrupted.
 */
@QuarkusTest
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(AwsStubResource.class)
@WithTestResource(Accounts.ApiKeysResource.class)
class AbandonedScanTest {

    @Inject
    ScanService scans;

    @Inject
    ScanRepository scanRows;

    @Test
    void onlyScansWhoseOwnerFellSilentAreFailed() {
        UUID alive = runningScan("replica-a", Instant.now());
        UUID abandoned = runningScan("replica-b", Instant.now().minus(ScanService.ABANDONED_AFTER).minus(Duration.ofSeconds(5)));

        scans.failAbandoned(); // what every replica does at start and then every minute

        ScanView stillRunning = scans.find(alive, false).orElseThrow();
        assertThat(stillRunning.status()).isEqualTo("running");
        assertThat(stillRunning.failure()).isNull();
        assertThat(stillRunning.finishedAt()).isNull();
        ScanView failed = scans.find(abandoned, false).orElseThrow();
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.failure()).isEqualTo("interrupted: the scanner running it stopped");
    }

    private UUID runningScan(String owner, Instant heartbeat) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Scan scan = new Scan();
            scan.id = UUID.randomUUID();
            scan.status = Scan.Status.RUNNING.id();
            scan.trigger = "api";
            scan.requestedBy = "test";
            scan.regions = "us-east-1";
            scan.resourceTypes = "vpc";
            scan.maxWorkers = 1;
            scan.credentialSource = "default chain";
            scan.createdAt = heartbeat;
            scan.startedAt = heartbeat;
            scan.owner = owner;
            scan.heartbeatAt = heartbeat;
            scanRows.persist(scan);
            return scan.id;
        });
    }
}
