package io.trackersuite.scanner.scans;

import java.math.BigDecimal;
import java.util.List;

import io.trackersuite.scanner.inventory.CloudResource;

/** One page of filtered resources; {@code total} and {@code totalMonthlyCost} cover every match, not the page. */
public record ResourcePage(List<CloudResource> items, int page, int size, long total, BigDecimal totalMonthlyCost) {
}
