package io.trackersuite.scanner.scans;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/** The scan rows: every query the scan lifecycle runs, named for what it does. Callers hold the transaction. */
@ApplicationScoped
public class ScanRepository implements PanacheRepositoryBase<Scan, UUID> {

    /** Key of the advisory lock that lets one replica start the scheduled scan. */
    private static final long SCHEDULE_LOCK = 0x5CA9_5C4EL;

    /** Fails queued or running scans whose owner has not confirmed them since {@code silentSince}. */
    public int failAbandoned(Instant now, Instant silentSince, String failure) {
        return update("status = ?1, failure = ?2, finishedAt = ?3 where status in (?4, ?5) and (heartbeatAt is null "
                + "or heartbeatAt < ?6)", Scan.Status.FAILED.id(), failure, now, Scan.Status.QUEUED.id(),
                Scan.Status.RUNNING.id(), silentSince);
    }

    /** {@code owner} still runs these scans. */
    public void heartbeat(Collection<UUID> ids, String owner, Instant now) {
        update("heartbeatAt = ?1 where id in ?2 and owner = ?3", now, List.copyOf(ids), owner);
    }

    public void markRunning(UUID id, List<String> regions, Instant startedAt) {
        update("status = ?1, startedAt = ?2, regions = ?3 where id = ?4", Scan.Status.RUNNING.id(), startedAt,
                String.join(",", regions), id);
    }

    public Optional<Scan> latestCompleted() {
        return find("status", Sort.descending("createdAt"), Scan.Status.COMPLETED.id()).firstResultOptional();
    }

    public List<Scan> newestFirst(int page, int size) {
        return findAll(Sort.descending("createdAt")).page(Page.of(page, size)).list();
    }

    /**
     * Whether a scheduled scan was recorded since {@code since}, asked under a transaction-wide advisory lock: of the
     * replicas whose schedulers fire together, the first records the scan and the others see it.
     */
    public boolean scheduledSinceLocked(Instant since) {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(" + SCHEDULE_LOCK + ")").getSingleResult();
        return count("trigger = ?1 and createdAt > ?2", "schedule", since) > 0;
    }

    /** A scan read for its live counters to be copied in without writing them back. */
    public void detach(Scan scan) {
        getEntityManager().detach(scan);
    }
}
