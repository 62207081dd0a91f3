package io.trackersuite.gateway.security;

import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.trackersuite.security.ApiKeyRing;

/** The gateway's configured API keys ({@code gateway.security.api-keys}). */
@ApplicationScoped
public class ApiKeys extends ApiKeyRing {

    public ApiKeys(SecurityConfig config) {
        super(config.apiKeys().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new Key(e.getValue().sha256(), e.getValue().role()))));
    }
}
