package io.trackersuite.scanner.scans;

import java.util.List;

import io.trackersuite.scanner.aws.CredentialsRequest;
import io.trackersuite.scanner.inventory.ResourceType;

/** What a scan covers; empty {@code regions} means every region enabled for the account. */
public record ScanPlan(List<String> regions, List<ResourceType> types, int maxWorkers, CredentialsRequest credentials) {
}
