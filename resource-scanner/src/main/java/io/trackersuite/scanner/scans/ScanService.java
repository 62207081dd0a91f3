package io.trackersuite.scanner.scans;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.trackersuite.scanner.aws.AwsAccess;
import io.trackersuite.scanner.aws.AwsClients;
import io.trackersuite.scanner.families.ResourceTypes;
import io.trackersuite.scanner.inventory.Regions;
import io.trackersuite.scanner.inventory.ResourceType;

/** Scans as jobs: queued, run on the coordinator pool, progress kept live in memory and stored as they end. */
@ApplicationScoped
public class ScanService {

    private static final Logger LOG = Logger.getLogger(ScanService.class);
    /** Replicas fire within seconds of each other; a scheduled scan this recent means another one started it. */
    private static final Duration SCHEDULE_DEDUP_WINDOW = Duration.ofMinutes(1);
    /** Each replica confirms its scans this often ... */
    static final String HEARTBEAT_EVERY = "15s";
    /** ... so one silent for this long belongs to a replica that is gone. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    /** This process, as the owner of the scans it runs. */
    private final String instance = UUID.randomUUID().toString();

    private final ScanRunner runner;
    private final ScanStore store;
    private final ScanRepository scanRows;
    private final AwsClients aws;
    private final Regions regions;
    private final ScanConfig config;
    private final ResourceTypes types;
    private final ExecutorService coordinators;
    private final Map<UUID, ScanProgress> running = new ConcurrentHashMap<>();

    private final ScanMetrics metrics;

    public ScanService(ScanRunner runner, ScanStore store, ScanRepository scanRows, AwsClients aws, Regions regions,
            ScanConfig config, ResourceTypes types, ScanMetrics metrics) {
        this.metrics = metrics;
        this.scanRows = scanRows;
        this.types = types;
        this.runner = runner;
        this.store = store;
        this.aws = aws;
        this.regions = regions;
        this.config = config;
        this.coordinators = Executors.newFixedThreadPool(config.concurrentScans(), r -> new Thread(r, "scan-coordinator"));
    }

    /**
     * A scan whose replica stopped can never finish: any replica fails it, at start and then regularly, but only once
     * its owner has been silent for {@link #ABANDONED_AFTER}. A replica starting beside a running one leaves it be.
     */
    void failAbandonedAtStart(@Observes StartupEvent start) {
        failAbandoned();
    }

    @Scheduled(every = "1m", identity = "abandoned-scans", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void failAbandoned() {
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> scanRows.failAbandoned(now, now.minus(ABANDONED_AFTER),
                "interrupted: the scanner running it stopped"));
    }

    /** This replica's scans, queued or running, are alive. */
    @Scheduled(every = HEARTBEAT_EVERY, identity = "scan-heartbeat", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        if (running.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> scanRows.heartbeat(running.keySet(), instance, Instant.now()));
    }

    /** Records the scan and queues it; the returned future completes when it has finished and is stored. */
    public Started start(ScanPlan plan, String requestedBy, String trigger) {
        UUID id = QuarkusTransaction.requiringNew().call(() -> create(plan, requestedBy, trigger));
        return launch(id, plan);
    }

    private UUID create(ScanPlan plan, String requestedBy, String trigger) {
        Scan scan = new Scan();
        scan.id = UUID.randomUUID();
        scan.status = Scan.Status.QUEUED.id();
        scan.trigger = trigger;
        scan.requestedBy = requestedBy;
        scan.regions = String.join(",", plan.regions());
        scan.resourceTypes = plan.types().stream().map(ResourceType::id).collect(Collectors.joining(","));
        scan.maxWorkers = plan.maxWorkers();
        scan.credentialSource = plan.credentials() == null ? "default chain" : plan.credentials().source();
        scan.createdAt = Instant.now();
        scan.owner = instance;
        scan.heartbeatAt = scan.createdAt;
        scanRows.persist(scan);
        return scan.id;
    }

    private Started launch(UUID id, ScanPlan plan) {
        ScanProgress progress = new ScanProgress();
        running.put(id, progress);
        // the request's access (and any keys in it) lives exactly as long as the job
        AwsAccess access = aws.forRequest(plan.credentials());
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> execute(id, plan, access, progress),
                coordinators);
        return new Started(id, done);
    }

    public record Started(UUID id, CompletableFuture<Void> done) {
    }

    private void execute(UUID id, ScanPlan plan, AwsAccess access, ScanProgress progress) {
        long started = System.nanoTime();
        try (access) {
            progress.status = Scan.Status.RUNNING.id();
            List<String> scanRegions;
            try {
                scanRegions = plan.regions().isEmpty() ? regions.enabled(access) : plan.regions();
            } catch (RuntimeException e) {
                ScanError error = ScanError.of("ec2", null, access.homeRegion(), e);
                metrics.awsError(error);
                finish(id, progress, Scan.Status.FAILED, "could not list the account's regions: " + error.errorCode()
                        + " " + error.message(), null, started);
                return;
            }
            QuarkusTransaction.requiringNew().run(() -> scanRows.markRunning(id, scanRegions, Instant.now()));
            // other instances answer GET /scans/{id} from the database: keep its counters fresh while the scan runs
            runner.run(id, scanRegions, plan, access, progress, () -> QuarkusTransaction.requiringNew().run(() -> {
                progress.copyTo(scanRows.findById(id));
            }));
            finish(id, progress, Scan.Status.COMPLETED, null, scanRegions, started);
        } catch (RuntimeException e) {
            LOG.errorf(e, "scan %s failed", id);
            finish(id, progress, Scan.Status.FAILED, "the scan could not be completed (" + e.getClass().getSimpleName()
                    + ")", null, started);
        } finally {
            running.remove(id);
        }
    }

    private void finish(UUID id, ScanProgress progress, Scan.Status status, String failure, List<String> scanRegions,
            long startedNanos) {
        progress.status = status.id();
        metrics.finished(status, Duration.ofNanos(System.nanoTime() - startedNanos));
        QuarkusTransaction.requiringNew().run(() -> {
            Scan scan = scanRows.findById(id);
            progress.copyTo(scan);
            scan.finishedAt = Instant.now();
            scan.failure = failure;
            if (status == Scan.Status.COMPLETED) {
                scan.totalMonthlyCost = store.costs(id, null).total();
            }
        });
        LOG.infof("scan %s %s: %d resources, %d errors, regions %s", id, status.id(), progress.resourcesFound.get(),
                progress.errors.get(), scanRegions);
    }

    /** The scan with live counters while it runs on this instance, from the database otherwise. */
    public Optional<ScanView> find(UUID id, boolean withErrors) {
        return QuarkusTransaction.requiringNew().call(() -> scanRows.findByIdOptional(id)
                .map(scan -> ScanView.of(withLiveCounters(scan), withErrors ? store.errors(id) : null)));
    }

    public Optional<UUID> latestCompleted() {
        return QuarkusTransaction.requiringNew().call(() -> scanRows.latestCompleted().map(scan -> scan.id));
    }

    public List<ScanView> list(int page, int size) {
        return QuarkusTransaction.requiringNew().call(() -> scanRows.newestFirst(page, size).stream()
                .map(scan -> ScanView.of(withLiveCounters(scan), null)).toList());
    }

    /** A scan this replica runs shows its live counters (never written back from here); others as stored. */
    private Scan withLiveCounters(Scan scan) {
        ScanProgress live = running.get(scan.id);
        if (live != null) {
            scanRows.detach(scan);
            live.copyTo(scan);
        }
        return scan;
    }

    /**
     * The configured scheduled scan: every enabled (or configured) region, every type, default credentials. Every
     * replica's scheduler fires; a PostgreSQL advisory lock and a look at the newest scheduled scan let exactly one
     * of them start it.
     */
    @Scheduled(cron = "${scanner.scans.schedule-cron}", identity = "scheduled-scan",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledScan() {
        ScanPlan plan = new ScanPlan(config.scheduleRegions().orElse(List.of()), types.all(),
                config.defaultWorkersOrMachine(), null);
        startScheduled(plan, Instant.now().minus(SCHEDULE_DEDUP_WINDOW)).ifPresent(id -> launch(id, plan));
    }

    /** Records a scheduled scan unless another replica recorded one since {@code since}. */
    Optional<UUID> startScheduled(ScanPlan plan, Instant since) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (scanRows.scheduledSinceLocked(since)) {
                return Optional.<UUID> empty();
            }
            return Optional.of(create(plan, "scheduler", "schedule"));
        });
    }

    @PreDestroy
    void stop() {
        coordinators.shutdownNow();
    }
}
