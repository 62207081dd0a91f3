package io.trackersuite.scanner.scans;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A scan job and, once it has run, its totals. Its queries are in {@link ScanRepository}; it extends
 * {@code PanacheEntityBase} so that Quarkus generates the accessors behind its public fields (and dirty tracking
 * sees every write).
 */
@Entity
@Table(name = "scan")
// parsed and checked as the service starts, not by the first scan
@NamedQuery(name = "Scan.failAbandoned", query = "update Scan set status = :failed, failure = :failure, finishedAt = :now "
        + "where status in (:queued, :running) and (heartbeatAt is null or heartbeatAt < :silentSince)")
@NamedQuery(name = "Scan.heartbeat", query = "update Scan set heartbeatAt = :now where id in :ids and owner = :owner")
@NamedQuery(name = "Scan.markRunning", query = "update Scan set status = :running, startedAt = :startedAt, "
        + "regions = :regions where id = :id")
@NamedQuery(name = "Scan.latestCompleted", query = "from Scan where status = :completed order by createdAt desc")
@NamedQuery(name = "Scan.newestFirst", query = "from Scan order by createdAt desc")
@NamedQuery(name = "Scan.scheduledSince", query = "select count(*) from Scan where trigger = 'schedule' and createdAt > :since")
public class Scan extends PanacheEntityBase {

    public enum Status {
        QUEUED, RUNNING, COMPLETED, FAILED;

        public String id() {
            return name().toLowerCase();
        }
    }

    @Id
    public UUID id;
    public String status;
    public String trigger;
    @Column(name = "requested_by")
    public String requestedBy;
    public String regions;
    @Column(name = "resource_types")
    public String resourceTypes;
    @Column(name = "max_workers")
    public int maxWorkers;
    @Column(name = "credential_source")
    public String credentialSource;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "tasks_total")
    public int tasksTotal;
    @Column(name = "tasks_done")
    public int tasksDone;
    @Column(name = "resources_found")
    public int resourcesFound;
    @Column(name = "error_count")
    public int errorCount;
    @Column(name = "total_monthly_cost")
    public BigDecimal totalMonthlyCost;
    public String failure;
    /** The replica running the scan (random per process), while it runs. */
    public String owner;
    /** When the owner last confirmed it still runs the scan; a scan whose beat stopped was interrupted. */
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;
}
