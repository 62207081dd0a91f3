package io.trackersuite.scanner.scans;

import java.util.concurrent.TimeUnit;

/**
 * A scan's tasks submitted and not yet finished. A task forks its detail tasks before it ends, so the count reaches
 * zero only when the whole scan is done.
 */
final class PendingTasks {

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
