package io.trackersuite.scanner.scans;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.trackersuite.scanner.inventory.CloudResource;

/**
 * Drains a running scan's found resources and errors into the database in batches, on a thread of its own, so
 * collectors never wait for the database and every row is stored when the scan ends.
 */
final class ScanResultWriter {

    private final UUID scanId;
    private final ScanStore store;
    private final int batchSize;
    private final LinkedBlockingQueue<CloudResource> resources = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<ScanError> errors = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean finishing;
    private volatile RuntimeException failure;

    ScanResultWriter(UUID scanId, ScanStore store, int batchSize) {
        this.scanId = scanId;
        this.store = store;
        this.batchSize = batchSize;
        this.thread = new Thread(this::drain, "scan-writer-" + scanId);
        thread.start();
    }

    /** Called from any of the scan's workers. */
    void add(CloudResource resource) {
        resources.add(resource);
    }

    /** Called from any of the scan's workers. */
    void add(ScanError error) {
        errors.add(error);
    }

    /** Writes what is left and returns once it is stored; throws if any batch could not be. */
    void finish() {
        finishing = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("results could not be stored", failure);
        }
    }

    private void drain() {
        List<CloudResource> batch = new ArrayList<>();
        while (true) {
            try {
                boolean last = finishing;
                CloudResource first = resources.poll(50, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    resources.drainTo(batch, batchSize - 1);
                }
                flush(batch);
                if (last && resources.isEmpty()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failure = e;
                return;
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
