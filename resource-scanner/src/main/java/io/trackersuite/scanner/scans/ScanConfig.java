package io.trackersuite.scanner.scans;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "scanner.scans")
public interface ScanConfig {

    /**
     * Workers of a scan when the request names none. A worker spends nearly all its time waiting for AWS (tens of
     * milliseconds per call against well under a millisecond of CPU), so the default is 32 per core (64 on a 2-core
     * pod), capped by {@link #maxWorkersLimit()}; set it to pin a figure.
     */
    OptionalInt defaultWorkers();

    /** Upper bound of {@code max_workers}; requests above it are refused. */
    @WithDefault("128")
    int maxWorkersLimit();

    /** Scans running at the same time; further ones wait in the queue. */
    @WithDefault("2")
    int concurrentScans();

    /** How long the original API's synchronous scan waits for its job before answering 503 with the job's id. */
    @WithDefault("15m")
    Duration syncWait();

    /** Rows written per database batch while a scan runs. */
    @WithDefault("500")
    int writeBatchSize();

    /** Cron expression of the scheduled scan (Quarkus syntax, e.g. {@code 0 0 3 * * ?}), or {@code off}. */
    @WithDefault("off")
    String scheduleCron();

    /** Regions of the scheduled scan; all enabled regions when empty. */
    Optional<List<String>> scheduleRegions();

    default int defaultWorkersOrMachine() {
        return Math.min(maxWorkersLimit(),
                defaultWorkers().orElse(Math.max(8, Runtime.getRuntime().availableProcessors() * 32)));
    }
}
