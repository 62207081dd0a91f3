package io.trackersuite.gateway.security;

import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import io.trackersuite.security.ApiKeyRing;

/** The gateway's configured API keys ({@code gateway.security.api-keys}); a singleton, as the ring is not proxyable. */
@Singleton
public class ApiKeys extends ApiKeyRing {

    public ApiKeys(SecurityConfig config) {
        super(config.apiKeys().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new Key(e.getValue().sha256(), e.getValue().role()))));
    }
}
