package io.trackersuite.scanner.scans;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A scan as the API shows it; {@code errors} only on the single-scan view. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanView(UUID id, String status, String trigger, String requestedBy, List<String> regions,
        List<String> resourceTypes, int maxWorkers, String credentialSource, Instant createdAt, Instant startedAt,
        Instant finishedAt, Progress progress, BigDecimal totalMonthlyCost, String failure, List<ScanError> errors) {

    public record Progress(int tasksDone, int tasksTotal, int resourcesFound, int errors) {
    }

    static ScanView of(Scan scan, List<ScanError> errors) {
        return new ScanView(scan.id, scan.status, scan.trigger, scan.requestedBy, split(scan.regions),
                split(scan.resourceTypes), scan.maxWorkers, scan.credentialSource, scan.createdAt, scan.startedAt,
                scan.finishedAt, new Progress(scan.tasksDone, scan.tasksTotal, scan.resourcesFound, scan.errorCount),
                scan.totalMonthlyCost, scan.failure, errors);
    }

    public boolean finished() {
        return Scan.Status.COMPLETED.id().equals(status) || Scan.Status.FAILED.id().equals(status);
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
    }
}
