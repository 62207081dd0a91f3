package io.trackersuite.scanner.scans;

import java.util.concurrent.atomic.AtomicInteger;

/** Live counters of a running scan, read by the progress endpoints while the workers update them. */
public class ScanProgress {

    final AtomicInteger tasksTotal = new AtomicInteger();
    final AtomicInteger tasksDone = new AtomicInteger();
    final AtomicInteger resourcesFound = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    volatile String status = Scan.Status.QUEUED.id();

    public void copyTo(Scan scan) {
        scan.status = status;
        scan.tasksTotal = tasksTotal.get();
        scan.tasksDone = tasksDone.get();
        scan.resourcesFound = resourcesFound.get();
        scan.errorCount = errors.get();
    }
}
