package io.trackersuite.scanner.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
import io.trackersuite.security.ApiKeyRing;
import io.vertx.ext.web.RoutingContext;

/** {@code X-API-Key} authentication beside OIDC bearer tokens; a wrong or malformed key is a 401, never a fall-through. */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    private final ApiKeyRing keys;

    public ApiKeyAuthenticationMechanism(SecurityConfig config) {
        this.keys = new ApiKeyRing(config.apiKeys().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new ApiKeyRing.Key(e.getValue().sha256(), e.getValue().role()))));
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String presented = context.request().getHeader(ApiKeyRing.HEADER);
        if (presented == null) {
            return Uni.createFrom().nullItem();
        }
        Optional<String> keyId = ApiKeyRing.keyId(presented);
        Optional<String> role = keys.roleOf(presented);
        if (keyId.isEmpty() || role.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown, revoked or malformed API key"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("api-key:" + keyId.get()))
                .addRole(role.get())
                .build());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (context.request().getHeader(ApiKeyRing.HEADER) == null) {
            return Uni.createFrom().nullItem(); // a bearer-token client: OIDC answers
        }
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public int getPriority() {
        return 2000; // before OIDC (1001)
    }
}
