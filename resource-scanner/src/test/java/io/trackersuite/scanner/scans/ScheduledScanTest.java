package io.trackersuite.scanner.scans;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.scanner.Accounts;
import io.trackersuite.scanner.families.Ec2Family;
import io.trackersuite.testing.aws.AwsStubResource;
import io.trackersuite.testing.PostgresProxyResource;

/** Every replica's scheduler fires at the same moment; exactly one scheduled scan may start. */
@QuarkusTest
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(AwsStubResource.class)
@WithTestResource(Accounts.ApiKeysResource.class)
class ScheduledScanTest {

    @Inject
    ScanService scans;

    @Test
    void replicasFiringTogetherStartOneScan() throws Exception {
        Instant window = Instant.now();
        ScanPlan plan = new ScanPlan(List.of("us-east-1"), List.of(Ec2Family.VPC), 4, null);
        Callable<Optional<UUID>> replica = () -> scans.startScheduled(plan, window);
        ExecutorService replicas = Executors.newFixedThreadPool(3);
        try {
            List<Future<Optional<UUID>>> fired = replicas.invokeAll(List.of(replica, replica, replica));
            long started = 0;
            for (Future<Optional<UUID>> f : fired) {
                started += f.get().isPresent() ? 1 : 0;
            }
            assertThat(started).isEqualTo(1);
        } finally {
            replicas.shutdownNow();
        }
    }
}
