package io.trackersuite.scanner.scans;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Estimated monthly cost of a scan's resources. {@code usageBasedResources} counts resources with no figure (Lambda,
 * unknown instance types...), which the totals leave out rather than guess.
 */
public record CostTotals(BigDecimal total, Map<String, BigDecimal> byType, Map<String, BigDecimal> byRegion,
        String tagKey, Map<String, BigDecimal> byTag, long usageBasedResources) {
}
