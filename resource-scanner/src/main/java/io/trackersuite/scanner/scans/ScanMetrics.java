package io.trackersuite.scanner.scans;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What operators graph and alert on: how long scans take by outcome ({@code scanner_scans_seconds}), and the AWS
 * errors they met by service and error code ({@code scanner_aws_errors_total}: throttling, access denied, …).
 */
@ApplicationScoped
public class ScanMetrics {

    private final MeterRegistry registry;
    private final Map<Scan.Status, Timer> durations = new EnumMap<>(Scan.Status.class);

    public ScanMetrics(MeterRegistry registry) {
        this.registry = registry;
        // both outcomes registered up front: a failure-rate alert sees 0 rather than no series
        for (Scan.Status status : new Scan.Status[] { Scan.Status.COMPLETED, Scan.Status.FAILED }) {
            durations.put(status, Timer.builder("scanner.scans").description("Scans by outcome, start to finish")
                    .tag("status", status.id()).publishPercentileHistogram().register(registry));
        }
    }

    void finished(Scan.Status status, Duration took) {
        durations.get(status).record(took);
    }

    void awsError(ScanError error) {
        Counter.builder("scanner.aws.errors").description("AWS calls of scans that failed, by service and error code")
                .tag("service", String.valueOf(error.service())).tag("code", String.valueOf(error.errorCode()))
                .register(registry).increment();
    }
}
