package io.trackersuite.testing;

import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * Bearer tokens signed by the mock OIDC provider's key (quarkus-test-oidc-server), for the audience the services'
 * {@code %test} profile expects, as a REST client would get them from the provider.
 */
public final class TestTokens {

    public static final String ISSUER = "https://server.example.com";
    public static final String SERVICE_AUDIENCE = "https://service.example.com";

    private TestTokens() {
    }

    public static String bearer(String username, String... roles) {
        return Jwt.preferredUserName(username).groups(Set.of(roles)).issuer(ISSUER).audience(SERVICE_AUDIENCE).sign();
    }
}
