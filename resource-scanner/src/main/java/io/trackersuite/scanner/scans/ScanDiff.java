package io.trackersuite.scanner.scans;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.trackersuite.scanner.inventory.CloudResource;

/** Resources new in the later scan, gone since the earlier one, and changed in state, tags or cost. */
public record ScanDiff(UUID from, UUID to, long newCount, long goneCount, long changedCount,
        List<CloudResource> added, List<CloudResource> gone, List<Change> changed) {

    /** A resource present in both scans: as it is now, with its earlier state and tags and the cost change. */
    public record Change(CloudResource resource, String previousState, Map<String, String> previousTags,
            BigDecimal costDelta) {
    }
}
