package io.trackersuite.scanner.scans;

/** A task that failed (AccessDenied, region disabled, timeout...): recorded, the scan goes on. */
public record ScanError(String region, String service, String resourceType, String errorCode, String message) {
}
