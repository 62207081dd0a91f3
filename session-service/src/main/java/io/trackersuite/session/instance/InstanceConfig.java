package io.trackersuite.session.instance;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** How this instance learns who it is (EC2 instance metadata, the pod name); defaults in application.properties. */
@ConfigMapping(prefix = "instance")
public interface InstanceConfig {

    Metadata metadata();

    /** The pod's name (Kubernetes' downward API); the host name when absent. */
    Optional<String> podName();

    interface Metadata {
        /** Off outside EC2 (dev, tests), where the lookup could only time out. */
        boolean enabled();

        URI endpoint();

        Duration timeout();
    }
}
