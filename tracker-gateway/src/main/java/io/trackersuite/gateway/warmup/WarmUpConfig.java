package io.trackersuite.gateway.warmup;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The start-up rehearsal of the request path (see {@link WarmUp}). */
@ConfigMapping(prefix = "gateway.warm-up")
public interface WarmUpConfig {

    /** Whether the gateway rehearses before it reports ready (JVM mode only: a native image starts compiled). */
    @WithDefault("false")
    boolean enabled();

    /**
     * The longest rehearsal. It ends sooner, once the JIT compiler has had little left to compile for a few seconds
     * of traffic.
     */
    @WithDefault("40s")
    Duration maxDuration();

    /** Connections the rehearsal keeps busy, each with one request in flight. */
    @WithDefault("16")
    int connections();
}
