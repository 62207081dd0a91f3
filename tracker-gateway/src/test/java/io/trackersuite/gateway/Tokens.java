package io.trackersuite.gateway;

import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Bearer tokens signed by the mock OIDC provider's key, as a REST client would get them from the provider. */
final class Tokens {

    private Tokens() {
    }

    static String of(String username, String... roles) {
        return Jwt.preferredUserName(username).subject(username + "-id").groups(Set.of(roles))
                .issuer("https://server.example.com").audience("https://server.example.com").sign();
    }

    static String expired(String username, String... roles) {
        return Jwt.preferredUserName(username).groups(Set.of(roles)).issuer("https://server.example.com")
                .issuedAt(1_000_000L).expiresAt(1_000_060L).sign();
    }
}
