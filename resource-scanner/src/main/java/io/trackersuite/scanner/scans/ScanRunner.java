package io.trackersuite.scanner.scans;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.core.SdkClient;

import io.trackersuite.scanner.aws.AwsAccess;
import io.trackersuite.scanner.families.ResourceTypes;
import io.trackersuite.scanner.inventory.CloudResource;
import io.trackersuite.scanner.inventory.CollectContext;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.scanner.inventory.TagIndex;
import io.trackersuite.scanner.pricing.CostEstimator;

/**
 * Runs one scan: every (region, resource type) pair, and every detail call a collector forks, is a task on a pool of
 * {@code max_workers} threads. A failing task becomes an entry in the scan's errors; the scan itself fails only when
 * its regions cannot be listed. Results are written in batches while the scan runs, so they are all stored when it
 * ends.
 */
@ApplicationScoped
public class ScanRunner {

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final ResourceTypes types;
    private final CostEstimator costs;
    private final ScanStore store;
    private final ScanConfig config;

    private final ScanMetrics metrics;

    public ScanRunner(ResourceTypes types, CostEstimator costs, ScanStore store, ScanConfig config,
            ScanMetrics metrics) {
        this.metrics = metrics;
        this.types = types;
        this.costs = costs;
        this.store = store;
        this.config = config;
    }

    /** Collects everything in the plan's regions; returns when every task has finished and every row is stored. */
    public void run(UUID scanId, List<String> regions, ScanPlan plan, AwsAccess aws, ScanProgress progress,
            Runnable everySecond) {
        ScanResultWriter writer = new ScanResultWriter(scanId, store, config.writeBatchSize());
        RunningScan run = new RunningScan(Set.copyOf(regions), aws, new TagIndex(aws, types.taggingApiFilters()),
                Executors.newFixedThreadPool(plan.maxWorkers(), workerThreads()), new PendingTasks(), progress,
                writer, metrics);
        try {
            for (ResourceType type : plan.types()) {
                for (String region : type.accountWide() ? List.of(aws.homeRegion()) : regions) {
                    run.submit(type, region, new Task(run, type, region));
                }
            }
            awaitAll(run.pending, everySecond);
        } finally {
            run.pool.shutdownNow();
            writer.finish();
        }
    }

    private static void awaitAll(PendingTasks pending, Runnable everySecond) {
        try {
            while (!pending.awaitNone(1, TimeUnit.SECONDS)) {
                everySecond.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scan interrupted", e);
        }
    }

    private static ThreadFactory workerThreads() {
        int pool = POOL_NUMBER.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "scan-" + pool + "-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** What every task of one running scan shares. */
    private record RunningScan(Set<String> regions, AwsAccess aws, TagIndex tagIndex, ExecutorService pool,
            PendingTasks pending, ScanProgress progress, ScanResultWriter results, ScanMetrics metrics) {

        void submit(ResourceType type, String region, Runnable task) {
            pending.add();
            progress.tasksTotal.incrementAndGet();
            pool.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    progress.errors.incrementAndGet();
                    ScanError error = ScanError.of(type, region, e);
                    metrics.awsError(error);
                    results.add(error);
                } finally {
                    progress.tasksDone.incrementAndGet();
                    pending.done();
                }
            });
        }
    }

    /** One type in one region (or the account), as its collector sees the scan. */
    private final class Task implements CollectContext, Runnable {
        private final RunningScan scan;
        private final ResourceType type;
        private final String region;

        Task(RunningScan scan, ResourceType type, String region) {
            this.scan = scan;
            this.type = type;
            this.region = region;
        }

        @Override
        public void run() {
            types.kind(type).collector().collect(this);
        }

        @Override
        public String region() {
            return region;
        }

        @Override
        public Set<String> scannedRegions() {
            return scan.regions();
        }

        @Override
        public <T extends SdkClient> T client(Class<T> clientType) {
            return scan.aws().client(clientType, region);
        }

        @Override
        public <T extends SdkClient> T client(Class<T> clientType, String otherRegion) {
            return scan.aws().client(clientType, otherRegion);
        }

        @Override
        public String accountId() {
            return scan.aws().accountId();
        }

        @Override
        public Optional<Map<String, String>> indexedTags(String tagRegion, String arn) {
            return scan.tagIndex().tags(tagRegion, arn);
        }

        @Override
        public void found(CloudResource resource) {
            scan.progress().resourcesFound.incrementAndGet();
            scan.results().add(costs.estimate(resource));
        }

        @Override
        public void fork(String detailRegion, Runnable detail) {
            scan.submit(type, detailRegion, detail);
        }
    }
}
