package io.trackersuite.session.net;

import java.util.List;

import io.smallrye.config.ConfigMapping;

/** Whom the service believes about a client's address; defaults in application.properties. */
@ConfigMapping(prefix = "network")
public interface NetworkConfig {

    /** Peers whose X-Forwarded-For is believed (the gateway, in the cluster the pod network): addresses or CIDR blocks. */
    List<String> trustedProxies();
}
