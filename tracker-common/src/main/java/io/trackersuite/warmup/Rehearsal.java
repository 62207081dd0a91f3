package io.trackersuite.warmup;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ImageMode;
import io.trackersuite.memory.NativeHeapTrim;
import io.vertx.core.Vertx;

/**
 * The course of a service's start-up rehearsal. A JVM starts by interpreting: until the JIT compiler has compiled a
 * service's hot path, its first clients pay several times what later ones pay. A service that rehearses sends itself
 * traffic through that path before it reports ready; this class decides when that has done its job, counts what was
 * rehearsed and reports it as the {@code Warm-up} readiness check. The traffic is the service's own.
 * <p>
 * A rehearsal ends once the compiler has spent under {@value #QUIET_COMPILER_MILLIS} ms a second for
 * {@value #QUIET_SECONDS} seconds in a row (but not before {@link #MIN_DURATION}), at its maximum duration, or when
 * more than {@value #MAX_FAILURES} of its operations failed and they are over a tenth: then it would warm nothing.
 * A native image starts compiled and never rehearses.
 */
public final class Rehearsal {

    public static final String CHECK = "Warm-up";
    private static final Logger LOG = Logger.getLogger(Rehearsal.class);
    private static final Duration MIN_DURATION = Duration.ofSeconds(5);
    private static final long QUIET_COMPILER_MILLIS = 100;
    private static final int QUIET_SECONDS = 3;
    private static final int MAX_FAILURES = 100;
    /** A service whose plain HTTP server never starts (TLS only) starts cold rather than never ready. */
    private static final Duration NO_SERVER_TIMEOUT = Duration.ofSeconds(30);

    private enum Stage { WAITING, REHEARSING, DONE }

    private final String what;
    private final String unit;
    private final Duration maxDuration;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final AtomicLong operations = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Stage stage;
    private volatile boolean stopping;
    private volatile String firstFailure;
    private long startNanos;
    private long watch;

    /**
     * @param what the path rehearsed, for the log ("the request path")
     * @param unit what one operation is, the readiness data's key ("requests")
     */
    public Rehearsal(String what, String unit, boolean enabled, Duration maxDuration) {
        this.what = what;
        this.unit = unit;
        this.maxDuration = maxDuration;
        this.stage = enabled && !ImageMode.current().isNativeImage() ? Stage.WAITING : Stage.DONE;
    }

    /** Where a service listening on {@code host} is reached from itself. */
    public static String loopback(String host) {
        return host == null || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "127.0.0.1" : host;
    }

    /** Whether a rehearsal is to come (on, in JVM mode, and not yet claimed). */
    public boolean pending() {
        return stage == Stage.WAITING && !claimed.get();
    }

    /** True once, for the caller that is to rehearse; false when the rehearsal is off or already claimed. */
    public boolean claim() {
        return stage == Stage.WAITING && claimed.compareAndSet(false, true);
    }

    /**
     * Gives up waiting for the HTTP server after {@link #NO_SERVER_TIMEOUT}: the service then starts cold, once
     * {@code undo} has removed what was set up for the rehearsal.
     */
    public void giveUpWithoutServer(Vertx vertx, Runnable undo) {
        if (stage == Stage.WAITING) {
            vertx.setTimer(NO_SERVER_TIMEOUT.toMillis(), id -> {
                if (claim()) {
                    undo.run();
                    skip("the HTTP server did not start");
                }
            });
        }
    }

    /** Ends a claimed rehearsal that cannot run; readiness no longer waits for it. */
    public void skip(String why) {
        LOG.warnf("warm-up of %s skipped: %s", what, why);
        stage = Stage.DONE;
    }

    /** The traffic starts now: from here the compiler is watched (on a Vert.x timer) to decide when to stop. */
    public void begin(Vertx vertx) {
        LOG.infof("warming up %s (at most %d s) before reporting ready", what, maxDuration.toSeconds());
        stage = Stage.REHEARSING;
        startNanos = System.nanoTime();
        Optional<CompilationMXBean> compiler = Optional.ofNullable(ManagementFactory.getCompilationMXBean())
                .filter(CompilationMXBean::isCompilationTimeMonitoringSupported);
        long[] last = {compiler.map(CompilationMXBean::getTotalCompilationTime).orElse(0L)};
        int[] quiet = {0};
        watch = vertx.setPeriodic(1000, id -> {
            long total = compiler.map(CompilationMXBean::getTotalCompilationTime).orElse(0L);
            LOG.debugf("warm-up of %s: %d %s, compiler %d ms in the last second", what, operations.get(), unit,
                    total - last[0]);
            quiet[0] = compiler.isPresent() && total - last[0] < QUIET_COMPILER_MILLIS ? quiet[0] + 1 : 0;
            last[0] = total;
            long elapsed = System.nanoTime() - startNanos;
            boolean failing = failures.get() > MAX_FAILURES && failures.get() * 10 > operations.get();
            if (elapsed >= maxDuration.toNanos() || failing
                    || quiet[0] >= QUIET_SECONDS && elapsed >= MIN_DURATION.toNanos()) {
                stopping = true;
            }
        });
    }

    /** Whether the traffic should stop: the caller then cleans up and calls {@link #end}. */
    public boolean stopping() {
        return stopping;
    }

    /** Counts one operation started and returns how many have been. */
    public long started() {
        return operations.incrementAndGet();
    }

    public void failed(String description) {
        failures.incrementAndGet();
        if (firstFailure == null) {
            firstFailure = description;
        }
    }

    /**
     * The rehearsal's traffic is over and cleaned up: its memory is given back (below), then readiness turns UP.
     */
    public void end(Vertx vertx) {
        vertx.cancelTimer(watch);
        vertx.executeBlocking(() -> {
            releaseMemory();
            return null;
        }).onComplete(ignored -> {
            stage = Stage.DONE;
            LOG.infof("warm-up of %s done: %d %s in %.1f s (%d failed%s)", what, operations.get(), unit,
                    (System.nanoTime() - startNanos) / 1e9, failures.get(),
                    firstFailure == null ? "" : "; the first: " + firstFailure);
        });
    }

    /**
     * A rehearsal leaves garbage on the heap, and memory the compiler and the traffic allocated natively and freed
     * but that the C library keeps (measured on the presence rehearsal: 40 MB of a replica's resident memory). A
     * full collection lets the collector shrink the heap, and trimming the native heap (the JVM's
     * {@code System.trim_native_heap} command, JDK 17.0.9 and later) hands the rest back, so a replica that
     * rehearsed starts serving with the memory of one that did not, plus its compiled code.
     */
    private static void releaseMemory() {
        System.gc();
        NativeHeapTrim.trim();
    }

    /** DOWN until the rehearsal has ended (or was skipped), with what it has done so far. */
    public HealthCheckResponse health() {
        return HealthCheckResponse.named(CHECK)
                .status(stage == Stage.DONE)
                .withData("stage", stage.name().toLowerCase())
                .withData(unit, operations.get())
                .withData("failed", failures.get())
                .build();
    }
}
