package io.trackersuite.scanner.scans;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.runtime.StartupEvent;
import io.trackersuite.scanner.aws.AwsAccess;
import io.trackersuite.scanner.aws.AwsClients;
import io.trackersuite.scanner.aws.AwsReplay;
import io.trackersuite.scanner.families.ResourceTypes;
import io.trackersuite.scanner.inventory.CloudResource;
import io.trackersuite.scanner.inventory.Regions;
import io.trackersuite.warmup.Rehearsal;
import io.vertx.core.Vertx;

/**
 * A JVM starts by interpreting: the first scan of a fresh process took 1.5-2.2 times as long as the next, spent in
 * the compiler on the SDK's marshalling, signing and parsing, our collectors and the cost estimates; one scan of a
 * single region before it brought the first full scan to warm speed. So in JVM mode the scanner rehearses before it
 * reports ready: it scans every resource type in one region of recorded answers ({@link AwsReplay}, on loopback,
 * signed with made-up keys) through the real runner and collectors, again and again until the compiler has had
 * little left to compile for a few seconds (at most {@code scanner.scans.warm-up.max-duration}). Nothing is stored,
 * counted in the metrics or sent to AWS. Readiness is DOWN until the rehearsal has ended.
 */
@Readiness
@Singleton
public class ScanRehearsal implements HealthCheck {

    /** The region of the recorded answers. */
    static final String REGION = "us-east-1";
    private static final int WORKERS_PER_CORE = 4;

    private final ScanRunner runner;
    private final AwsClients aws;
    private final Regions regions;
    private final ResourceTypes types;
    private final ScanConfig config;
    private final Vertx vertx;
    private final Rehearsal rehearsal;

    public ScanRehearsal(ScanRunner runner, AwsClients aws, Regions regions, ResourceTypes types, ScanConfig config,
            Vertx vertx) {
        this.runner = runner;
        this.aws = aws;
        this.regions = regions;
        this.types = types;
        this.config = config;
        this.vertx = vertx;
        this.rehearsal = new Rehearsal("a scan", "scans", config.warmUp().enabled(), config.warmUp().maxDuration());
    }

    @Override
    public HealthCheckResponse call() {
        return rehearsal.health();
    }

    /** Starts after the SDK clients and the scan's classes were loaded (AwsClients' own start-up observer). */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent started) {
        if (!rehearsal.claim()) {
            return;
        }
        AwsReplay replay = AwsReplay.fromClassPath(vertx);
        if (replay == null) {
            rehearsal.skip("the build has no recorded AWS answers (" + AwsReplay.RECORDING + ")");
            return;
        }
        replay.listen().onComplete(listening -> {
            if (listening.failed()) {
                replay.close();
                rehearsal.skip("the recorded answers could not be served: " + listening.cause().getMessage());
                return;
            }
            rehearsal.begin(vertx);
            Thread thread = new Thread(() -> rehearse(replay, listening.result()), "scan-rehearsal");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private void rehearse(AwsReplay replay, URI endpoint) {
        // recorded answers come at once: a few workers per core keep the cores busy without a scan's 64 threads
        int cores = Runtime.getRuntime().availableProcessors();
        int workers = Math.min(config.defaultWorkersOrMachine(), WORKERS_PER_CORE * cores);
        ScanPlan plan = new ScanPlan(List.of(REGION), types.all(), workers, null);
        try (replay; AwsAccess access = aws.toReplay(endpoint)) {
            while (!rehearsal.stopping()) {
                rehearsal.started();
                regions.enabled(access); // a scan of every region starts by listing them
                Findings findings = new Findings();
                runner.rehearse(List.of(REGION), plan, access, findings);
                String failure = findings.failure();
                if (failure != null) {
                    rehearsal.failed(failure);
                }
            }
        } catch (RuntimeException e) {
            rehearsal.failed(e.toString());
        } finally {
            rehearsal.end(vertx);
        }
    }

    /** What one rehearsal scan found: counted, then dropped. */
    private static final class Findings implements ScanResults {
        private final AtomicInteger resources = new AtomicInteger();
        private final AtomicReference<ScanError> firstError = new AtomicReference<>();

        @Override
        public void add(CloudResource resource) {
            resources.incrementAndGet();
        }

        @Override
        public void add(ScanError error) {
            firstError.compareAndSet(null, error);
        }

        /** Why the scan did not go as recorded, or null. */
        String failure() {
            ScanError error = firstError.get();
            if (error != null) {
                return error.resourceType() + " in " + error.region() + ": " + error.errorCode() + " "
                        + error.message();
            }
            return resources.get() == 0 ? "nothing found in the recorded answers" : null;
        }
    }
}
