package io.trackersuite.session.instance;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

/** Who this instance is: read once at startup (the metadata service is asked once) and cached. */
@Startup
@ApplicationScoped
public class InstanceIdentity {

    private static final Logger LOG = Logger.getLogger(InstanceIdentity.class);

    private final InstanceInfo info;
    private final String replicaId;

    public InstanceIdentity(InstanceConfig config) {
        String host = config.podName().filter(name -> !name.isBlank()).orElseGet(InstanceIdentity::hostName);
        Optional<InstanceInfo> ec2 = config.metadata().enabled()
                ? new InstanceMetadataClient(config.metadata().endpoint(), config.metadata().timeout()).read(host)
                : Optional.empty();
        this.info = ec2.orElseGet(() -> InstanceInfo.offEc2(host));
        // two processes may share a host (or an EC2 instance): presence ownership needs a per-process id
        this.replicaId = host + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        LOG.infof("instance %s (%s), replica %s", info.instanceId(),
                info.onEc2() ? "EC2 via " + info.metadataVersion() : "not on EC2", replicaId);
    }

    public InstanceInfo info() {
        return info;
    }

    /** Shown to visitors as the serving instance. */
    public String instanceId() {
        return info.instanceId();
    }

    /** Unique per process; owner of the presence sessions it serves. */
    public String replicaId() {
        return replicaId;
    }

    private static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
