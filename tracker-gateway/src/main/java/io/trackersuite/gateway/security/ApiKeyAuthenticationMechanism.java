package io.trackersuite.gateway.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates REST clients by {@code X-API-Key}. Runs before OIDC; a request without the header is left to the
 * other mechanisms, a request with a malformed or wrong key fails (401, and counts as a failed attempt).
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Identity attribute holding the key id, for per-key rate limits. */
    public static final String KEY_ID = "api-key-id";

    private final ApiKeys apiKeys;

    public ApiKeyAuthenticationMechanism(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String presented = context.request().getHeader(ApiKeys.HEADER);
        if (presented == null) {
            return Uni.createFrom().nullItem();
        }
        Optional<String> keyId = ApiKeys.keyId(presented);
        if (keyId.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("malformed API key"));
        }
        Optional<String> role = apiKeys.roleOf(presented);
        if (role.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown or revoked API key"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("api-key:" + keyId.get()))
                .addRole(role.get())
                .addAttribute(KEY_ID, keyId.get())
                .build());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (context.request().getHeader(ApiKeys.HEADER) == null) {
            return Uni.createFrom().nullItem(); // not an API-key client: OIDC decides (sign-in redirect or 401)
        }
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public int getPriority() {
        return 2000; // before OIDC (1001): an API key wins over a session cookie sent along by accident
    }
}
