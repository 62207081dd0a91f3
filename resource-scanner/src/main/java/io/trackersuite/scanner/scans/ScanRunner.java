package io.trackersuite.scanner.scans;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sts.StsClient;

import io.trackersuite.scanner.aws.AwsAccess;
import io.trackersuite.scanner.aws.AwsFailure;
import io.trackersuite.scanner.inventory.CloudResource;
import io.trackersuite.scanner.inventory.CollectContext;
import io.trackersuite.scanner.inventory.Inventory;
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

    private static final Logger LOG = Logger.getLogger(ScanRunner.class);
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final Inventory inventory;
    private final CostEstimator costs;
    private final ScanStore store;
    private final ScanConfig config;

    public ScanRunner(Inventory inventory, CostEstimator costs, ScanStore store, ScanConfig config) {
        this.inventory = inventory;
        this.costs = costs;
        this.store = store;
        this.config = config;
    }

    /** Collects everything in the plan's regions; returns when every task has finished and every row is stored. */
    public void run(UUID scanId, List<String> regions, ScanPlan plan, AwsAccess aws, ScanProgress progress,
            Runnable everySecond) {
        ExecutorService pool = Executors.newFixedThreadPool(plan.maxWorkers(), workerThreads());
        ResultWriter writer = new ResultWriter(scanId);
        Thread writerThread = new Thread(writer, "scan-writer-" + scanId);
        writerThread.start();
        PendingTasks pending = new PendingTasks();
        Set<String> scanned = Set.copyOf(regions);
        AccountId account = new AccountId(aws);
        TagIndex tagIndex = new TagIndex(aws);
        try {
            for (ResourceType type : plan.types()) {
                List<String> taskRegions = type.accountWide() ? List.of(aws.homeRegion()) : regions;
                for (String region : taskRegions) {
                    submit(pool, pending, progress, writer, type, region,
                            new TaskContext(type, region, scanned, aws, account, tagIndex, pool, pending, progress, writer));
                }
            }
            awaitAll(pending, everySecond);
        } finally {
            pool.shutdownNow();
            writer.finish();
            joinQuietly(writerThread);
        }
        if (writer.failure != null) {
            throw new IllegalStateException("results could not be stored", writer.failure);
        }
    }

    private void submit(ExecutorService pool, PendingTasks pending, ScanProgress progress, ResultWriter writer,
            ResourceType type, String region, Runnable task) {
        pending.add();
        progress.tasksTotal.incrementAndGet();
        pool.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                ScanError error = toError(type, region, e);
                progress.errors.incrementAndGet();
                writer.errors.add(error);
            } finally {
                progress.tasksDone.incrementAndGet();
                pending.done();
            }
        });
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

    /**
     * Tasks submitted and not yet finished. A task forks its detail tasks before it ends, so the count reaches zero
     * only when the whole scan is done.
     */
    private static final class PendingTasks {
        private int count;

        synchronized void add() {
            count++;
        }

        synchronized void done() {
            if (--count == 0) {
                notifyAll();
            }
        }

        synchronized boolean awaitNone(long timeout, TimeUnit unit) throws InterruptedException {
            if (count > 0) {
                wait(unit.toMillis(timeout));
            }
            return count == 0;
        }
    }

    static ScanError toError(ResourceType type, String region, RuntimeException e) {
        if (e instanceof AwsServiceException aws) {
            AwsFailure failure = AwsFailure.of(aws);
            return new ScanError(region, type.service(), type.id(), failure.code(), failure.message());
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new ScanError(region, type.service(), type.id(), "Timeout", e.getMessage());
        }
        if (e instanceof SdkClientException) {
            return new ScanError(region, type.service(), type.id(), "ClientError", e.getMessage());
        }
        LOG.errorf(e, "collector of %s in %s failed", type.id(), region);
        return new ScanError(region, type.service(), type.id(), "InternalError",
                "the scanner could not process the answer (" + e.getClass().getSimpleName() + ")");
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

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The account id for ARNs, read with STS once per scan and only if a collector needs it. */
    private static final class AccountId {
        private final AwsAccess aws;
        private volatile String value;

        AccountId(AwsAccess aws) {
            this.aws = aws;
        }

        String get() {
            if (value == null) {
                synchronized (this) {
                    if (value == null) {
                        value = aws.home(StsClient.class).getCallerIdentity().account();
                    }
                }
            }
            return value;
        }
    }

    private final class TaskContext implements CollectContext, Runnable {
        private final ResourceType type;
        private final String region;
        private final Set<String> scanned;
        private final AwsAccess aws;
        private final AccountId account;
        private final TagIndex tagIndex;
        private final ExecutorService pool;
        private final PendingTasks pending;
        private final ScanProgress progress;
        private final ResultWriter writer;

        TaskContext(ResourceType type, String region, Set<String> scanned, AwsAccess aws, AccountId account,
                TagIndex tagIndex, ExecutorService pool, PendingTasks pending, ScanProgress progress,
                ResultWriter writer) {
            this.type = type;
            this.region = region;
            this.scanned = scanned;
            this.aws = aws;
            this.account = account;
            this.tagIndex = tagIndex;
            this.pool = pool;
            this.pending = pending;
            this.progress = progress;
            this.writer = writer;
        }

        @Override
        public void run() {
            inventory.collectorFor(type).collect(this);
        }

        @Override
        public String region() {
            return region;
        }

        @Override
        public Set<String> scannedRegions() {
            return scanned;
        }

        @Override
        public <T extends SdkClient> T client(Class<T> clientType) {
            return aws.client(clientType, region);
        }

        @Override
        public <T extends SdkClient> T client(Class<T> clientType, String otherRegion) {
            return aws.client(clientType, otherRegion);
        }

        @Override
        public String accountId() {
            return account.get();
        }

        @Override
        public Optional<Map<String, String>> indexedTags(String tagRegion, String arn) {
            return tagIndex.tags(tagRegion, arn);
        }

        @Override
        public void found(CloudResource resource) {
            progress.resourcesFound.incrementAndGet();
            writer.resources.add(costs.estimate(resource));
        }

        @Override
        public void fork(String detailRegion, Runnable detail) {
            submit(pool, pending, progress, writer, type, detailRegion, detail);
        }
    }

    /** Drains found resources and errors into the database in batches on its own thread. */
    private final class ResultWriter implements Runnable {
        private final UUID scanId;
        final LinkedBlockingQueue<CloudResource> resources = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<ScanError> errors = new LinkedBlockingQueue<>();
        private volatile boolean finishing;
        volatile RuntimeException failure;

        ResultWriter(UUID scanId) {
            this.scanId = scanId;
        }

        void finish() {
            finishing = true;
        }

        @Override
        public void run() {
            List<CloudResource> batch = new ArrayList<>();
            while (true) {
                try {
                    boolean last = finishing;
                    CloudResource first = resources.poll(50, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        batch.add(first);
                        resources.drainTo(batch, config.writeBatchSize() - 1);
                    }
                    flush(batch);
                    if (last && resources.isEmpty()) {
                        break;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (RuntimeException e) {
                    failure = e;
                    break;
                }
            }
        }

        private void flush(List<CloudResource> batch) {
            if (!batch.isEmpty()) {
                store.insertResources(scanId, batch);
                batch.clear();
            }
            List<ScanError> errorBatch = new ArrayList<>();
            errors.drainTo(errorBatch);
            if (!errorBatch.isEmpty()) {
                store.insertErrors(scanId, errorBatch);
            }
        }
    }
}
