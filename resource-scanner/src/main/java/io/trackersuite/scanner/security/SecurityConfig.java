package io.trackersuite.scanner.security;

import java.util.Map;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "scanner.security")
public interface SecurityConfig {

    /**
     * API keys by key id, as the gateway has them: {@code tsk_<id>_<secret>}, only the SHA-256 configured
     * ({@code deploy/local/api-key.sh} makes one). The gateway passes {@code X-API-Key} on to the scanner.
     */
    Map<String, ApiKey> apiKeys();

    interface ApiKey {
        /** Lower-case hex SHA-256 of the whole key. */
        String sha256();

        /** viewer, operator or admin. */
        String role();
    }
}
