package io.trackersuite.gateway.traffic;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gateway.traffic")
public interface TrafficConfig {

    /** Publish per-second TRAFFIC events (off in tests that count events themselves). */
    @WithDefault("true")
    boolean enabled();

    /** This replica's name in the events: the pod name in the cluster. */
    String instance();
}
