package io.trackersuite.security;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * API keys by key id, the same in every service that accepts them (the gateway, and the scanner behind it, which
 * names the key in its action audit): {@code tracker.api-keys.<id>.sha256} and {@code .role}, e.g. from a Secret as
 * {@code TRACKER_API_KEYS__CI__SHA256} / {@code TRACKER_API_KEYS__CI__ROLE}. A key is {@code tsk_<id>_<secret>}; only
 * its SHA-256 is configured, so the configuration never holds a usable key ({@code deploy/local/api-key.sh} makes one).
 */
@ConfigMapping(prefix = "tracker.api-keys")
public interface ApiKeysConfig {

    @WithParentName
    Map<String, ApiKey> keys();

    interface ApiKey {
        /** Lower-case hex SHA-256 of the whole key. */
        String sha256();

        /** The one role the key carries: viewer, operator or admin. */
        String role();
    }
}
