package io.trackersuite.scanner.scans;

import io.trackersuite.scanner.inventory.CloudResource;

/** Where a running scan's findings go: the database ({@link ScanResultWriter}), or the rehearsal's count. */
interface ScanResults {

    /** Called from any of the scan's workers. */
    void add(CloudResource resource);

    /** Called from any of the scan's workers. */
    void add(ScanError error);
}
