package io.trackersuite.scanner.scans;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;

/**
 * The scan rows: every query the scan lifecycle runs, named for what it does (the queries themselves are named
 * queries on {@link Scan}, checked at start). Callers hold the transaction.
 */
@ApplicationScoped
public class ScanRepository implements PanacheRepositoryBase<Scan, UUID> {

    /** Key of the advisory lock that lets one replica start the scheduled scan. */
    private static final long SCHEDULE_LOCK = 0x5CA9_5C4EL;

    /** Fails queued or running scans whose owner has not confirmed them since {@code silentSince}. */
    public int failAbandoned(Instant now, Instant silentSince, String failure) {
        return update("#Scan.failAbandoned", Parameters.with("failed", Scan.Status.FAILED.id()).and("failure", failure)
                .and("now", now).and("queued", Scan.Status.QUEUED.id()).and("running", Scan.Status.RUNNING.id())
                .and("silentSince", silentSince));
    }

    /** {@code owner} still runs these scans. */
    public void heartbeat(Collection<UUID> ids, String owner, Instant now) {
        update("#Scan.heartbeat", Parameters.with("now", now).and("ids", List.copyOf(ids)).and("owner", owner));
    }

    public void markRunning(UUID id, List<String> regions, Instant startedAt) {
        update("#Scan.markRunning", Parameters.with("running", Scan.Status.RUNNING.id()).and("startedAt", startedAt)
                .and("regions", String.join(",", regions)).and("id", id));
    }

    public Optional<Scan> latestCompleted() {
        return find("#Scan.latestCompleted", Parameters.with("completed", Scan.Status.COMPLETED.id()))
                .firstResultOptional();
    }

    public List<Scan> newestFirst(int page, int size) {
        return find("#Scan.newestFirst").page(Page.of(page, size)).list();
    }

    /**
     * Whether a scheduled scan was recorded since {@code since}, asked under a transaction-wide advisory lock: of the
     * replicas whose schedulers fire together, the first records the scan and the others see it.
     */
    public boolean scheduledSinceLocked(Instant since) {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(" + SCHEDULE_LOCK + ")").getSingleResult();
        return count("#Scan.scheduledSince", Parameters.with("since", since)) > 0;
    }

    /** A scan read for its live counters to be copied in without writing them back. */
    public void detach(Scan scan) {
        getEntityManager().detach(scan);
    }
}
