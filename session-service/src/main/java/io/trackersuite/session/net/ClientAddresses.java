package io.trackersuite.session.net;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


import io.trackersuite.net.ClientIp;
import io.trackersuite.net.IpRanges;

/** The visitor's IP, believing X-Forwarded-For only from the configured trusted proxies (see {@link ClientIp}). */
@ApplicationScoped
public class ClientAddresses {

    private final IpRanges trustedProxies;

    @Inject
    public ClientAddresses(NetworkConfig config) {
        this(config.trustedProxies());
    }

    ClientAddresses(List<String> trustedProxies) {
        this.trustedProxies = IpRanges.of(trustedProxies);
    }

    /**
     * @param peer the TCP peer, as "host", "host:port" or "[v6]:port"
     * @param forwardedFor the X-Forwarded-For header, or null
     */
    public String clientIp(String peer, String forwardedFor) {
        return ClientIp.resolve(trustedProxies, peer, forwardedFor);
    }
}
